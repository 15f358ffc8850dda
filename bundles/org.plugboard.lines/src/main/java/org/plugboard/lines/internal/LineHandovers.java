package org.plugboard.lines.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * A line's state as it goes through {@code HandoverStore} to the next version of this bundle, in JDK values only:
 * its Call-ID sequence always, and its registration when it was handed over rather than unregistered.
 */
final class LineHandovers {
    private LineHandovers() {
    }

    static Map<String, Object> toMap(String name, Sequence sequence, LineRegistration.Handover registration) {
        Map<String, Object> m = new HashMap<>(Map.of("name", name, "callId", sequence.callId(), "fromTag",
                sequence.fromTag(), "cseq", sequence.last()));
        if (registration != null) {
            m.put("key", registration.key());
            m.put("state", registration.state().name());
            m.put("lastResponse", registration.lastResponse());
            m.put("expiresAt", registration.expiresAt());
            m.put("refreshAt", registration.refreshAt());
            m.put("askedExpires", registration.askedExpires());
        }
        return Map.copyOf(m);
    }

    static Sequence sequence(Map<String, Object> m) {
        return new Sequence((String) m.get("callId"), (String) m.get("fromTag"), (Long) m.get("cseq"));
    }

    /** @return the registration handed over, or null when there is none (an older version deposits only the sequence) */
    static LineRegistration.Handover registration(Map<String, Object> m) {
        if (!m.containsKey("key")) {
            return null;
        }
        return new LineRegistration.Handover((String) m.get("key"), LineState.valueOf((String) m.get("state")),
                (String) m.get("lastResponse"), (Long) m.get("expiresAt"), (Long) m.get("refreshAt"),
                (Integer) m.get("askedExpires"));
    }
}
