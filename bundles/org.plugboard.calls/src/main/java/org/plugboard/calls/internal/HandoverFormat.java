package org.plugboard.calls.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The version of the map a call is handed over in, and the migrations from older versions, so a live update from
 * any earlier release keeps its calls. Version 1 (issues 4-6): one leg type holding every field. Version 2: the
 * dialled number, the caller's anonymity and the forwarding hops; legs keep the same keys.
 */
final class HandoverFormat {
    static final int VERSION = 2;

    private HandoverFormat() {
    }

    /** The call's map in the current version; throws for a version this code does not know (a newer one). */
    static Map<String, Object> current(Map<String, Object> saved) {
        Object format = saved.get("format");
        if (Integer.valueOf(VERSION).equals(format)) {
            return saved;
        }
        if (Integer.valueOf(1).equals(format)) {
            Map<String, Object> m = new HashMap<>(saved);
            m.put("format", VERSION);
            m.put("dialled", saved.get("callee"));
            m.put("callerAnonymous", "anonymous".equalsIgnoreCase(String.valueOf(saved.get("caller"))));
            m.put("diversions", List.of());
            m.put("attemptStart", 0);
            return m;
        }
        throw new IllegalArgumentException("unknown hand-over format " + format + " (this version reads 1 to " + VERSION + ")");
    }
}
