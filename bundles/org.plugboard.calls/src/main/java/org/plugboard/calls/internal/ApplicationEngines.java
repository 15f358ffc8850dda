package org.plugboard.calls.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.plugboard.api.media.MediaGateway;

/**
 * Chooses, per call, the media engine that answers a caller for a media application: {@code media.engine} when it
 * terminates legs, else {@code media.application_engine} (by default {@code local}, the in-process engine) when
 * that one is bound and does. A relay-only engine (rtpengine without endpoint support, a node of an older version)
 * thus relays ordinary calls while applications run where they can. None: the fault, naming each engine tried.
 */
final class ApplicationEngines {
    /** The engine chosen ({@code gateway}), or none and why ({@code fault}). */
    record Choice(MediaGateway gateway, String fault) {
    }

    private ApplicationEngines() {
    }

    static Choice choose(CallsConfig config, Function<String, MediaGateway> gateways) {
        Set<String> names = new LinkedHashSet<>();
        add(names, config.media_engine());
        add(names, config.media_application__engine());
        List<String> faults = new ArrayList<>();
        for (String name : names) {
            MediaGateway gateway = gateways.apply(name);
            if (gateway != null && gateway.terminatesLegs()) {
                return new Choice(gateway, null);
            }
            faults.add("'" + name + "' " + (gateway == null ? "is not available" : "relays only"));
        }
        String tried = faults.isEmpty() ? "none is configured (media.engine and media.application_engine are empty)"
                : String.join(", ", faults);
        return new Choice(null, "no media engine can play, record or collect digits: " + tried
                + " (install pbx-media or set media.application_engine in org.plugboard.calls)");
    }

    private static void add(Set<String> names, String name) {
        if (name != null && !name.isBlank()) {
            names.add(name.trim());
        }
    }
}
