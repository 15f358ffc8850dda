package org.plugboard.subscriptions.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.plugboard.api.subscription.EventPackage;

/**
 * The event packages registered now: per event, the one with the highest {@code service.ranking} (ties: the older
 * service). Changed on SCR threads, read on the layer's thread from an immutable map replaced whole.
 */
final class Packages {
    private record Entry(EventPackage pkg, String event, int ranking, long serviceId) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private volatile Map<String, EventPackage> byEvent = Map.of();

    synchronized void add(EventPackage pkg, String event, int ranking, long serviceId) {
        entries.add(new Entry(pkg, event, ranking, serviceId));
        rebuild();
    }

    /** @return the event the package served, or null when it was not here */
    synchronized String remove(EventPackage pkg) {
        Entry gone = entries.stream().filter(e -> e.pkg() == pkg).findFirst().orElse(null);
        if (gone == null) {
            return null;
        }
        entries.remove(gone);
        rebuild();
        return gone.event();
    }

    EventPackage get(String event) {
        return byEvent.get(event);
    }

    /** For Allow-Events and the console, sorted. */
    List<String> events() {
        return List.copyOf(new TreeSet<>(byEvent.keySet()));
    }

    private void rebuild() {
        Map<String, EventPackage> m = new HashMap<>();
        entries.stream().sorted(Comparator.comparingInt(Entry::ranking).reversed().thenComparingLong(Entry::serviceId))
                .forEach(e -> m.putIfAbsent(e.event(), e.pkg()));
        byEvent = Map.copyOf(m);
    }
}
