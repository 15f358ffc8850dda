package org.plugboard.rest.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which optional parts of the PBX are there now, counted by the services that show them (a call service or media
 * application by its name, or a service the API adapts), each with the Karaf feature that brings it. A part is
 * present while at least one of its services is; {@link #add} and {@link #remove} say when the visible list changed,
 * so the caller can announce it. Names the map does not know (a third party's plugin) are listed without a feature.
 */
public final class Capabilities {
    /** The optional parts the web page has sections for, and their features. */
    static final Map<String, String> FEATURES = Map.ofEntries(Map.entry("forwarding", "pbx-forwarding"),
            Map.entry("dnd", "pbx-dnd"), Map.entry("screening", "pbx-screening"), Map.entry("transfer", "pbx-transfer"),
            Map.entry("groups", "pbx-groups"), Map.entry("recording", "pbx-recording"),
            Map.entry("voicemail", "pbx-voicemail"), Map.entry("ivr", "pbx-ivr"),
            Map.entry("conference", "pbx-conference"), Map.entry("operator", "pbx-operator"),
            Map.entry("callback", "pbx-callback"), Map.entry("trace", "pbx-sip"), Map.entry("cdr", "pbx-cdr"),
            Map.entry("lines", "pbx-lines"), Map.entry("trunks", "pbx-trunks"), Map.entry("calls", "pbx-calls"),
            Map.entry("ivr-files", "pbx-ivr"));

    private final Map<String, Integer> counts = new TreeMap<>();

    /** A service showing {@code name} came; true when the name is new. */
    public synchronized boolean add(String name) {
        if (name == null || name.isBlank()) {
            return false;
        }
        return counts.merge(name, 1, Integer::sum) == 1;
    }

    /** A service showing {@code name} went; true when it was the last one. */
    public synchronized boolean remove(String name) {
        if (name == null || !counts.containsKey(name)) {
            return false;
        }
        int left = counts.merge(name, -1, Integer::sum);
        if (left <= 0) {
            counts.remove(name);
            return true;
        }
        return false;
    }

    public synchronized boolean has(String name) {
        return counts.containsKey(name);
    }

    /** {@code {"items":[{"name":"voicemail","feature":"pbx-voicemail"}, ...]}}, sorted by name. */
    public synchronized Map<String, Object> view() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (String name : counts.keySet()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", name);
            String feature = FEATURES.get(name);
            if (feature != null) {
                item.put("feature", feature);
            }
            items.add(item);
        }
        return Map.of("items", items);
    }
}
