package org.plugboard.calls.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The version of the map a call is handed over in, and the migrations from older versions, so a live update from
 * any earlier release keeps its calls. Version 1 (issues 4-6): one leg type holding every field. Version 2: the
 * dialled number, the caller's anonymity and the forwarding hops; legs keep the same keys. Version 3 (transfer):
 * each leg's media side, the party connected on each side, the record's calling side and transfer links; with call
 * pickup, optionally the picker's leg ({@code picker}, {@code -3} in {@code parties}) and {@code pickupPending}; since
 * calls 1.5, optionally the record's {@code notes} and {@code overridden} (absent: none, false). Since issue 18, a
 * caller leg whose 2xx was acknowledged has {@code answered} and, instead of {@code invite}, {@code answeredInvite}
 * (the INVITE's copy as plain data: {@code request}, and later also its bytes, {@code encoded}, which are
 * what is kept), and an answered callee leg {@code inviteBranch} instead of its transaction
 * (absent: the older version kept the 2xx and the transactions, which still read the same).
 */
final class HandoverFormat {
    static final int VERSION = 3;

    private HandoverFormat() {
    }

    /** The call's map in the current version; throws for a version this code does not know (a newer one). */
    static Map<String, Object> current(Map<String, Object> saved) {
        Object format = saved.get("format");
        if (Integer.valueOf(VERSION).equals(format)) {
            return saved;
        }
        if (Integer.valueOf(2).equals(format)) {
            return from2(saved);
        }
        if (Integer.valueOf(1).equals(format)) {
            Map<String, Object> m = new HashMap<>(saved);
            m.put("dialled", saved.get("callee"));
            m.put("callerAnonymous", "anonymous".equalsIgnoreCase(String.valueOf(saved.get("caller"))));
            m.put("diversions", List.of());
            m.put("attemptStart", 0);
            return from2(m);
        }
        throw new IllegalArgumentException("unknown hand-over format " + format + " (this version reads 1 to " + VERSION + ")");
    }

    /** Before transfers, the caller leg stood on the caller side and every callee leg on the callee side. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> from2(Map<String, Object> saved) {
        Map<String, Object> m = new HashMap<>(saved);
        m.put("format", VERSION);
        Map<String, Object> caller = new HashMap<>((Map<String, Object>) saved.get("callerLeg"));
        caller.put("side", "CALLER");
        m.put("callerLeg", caller);
        List<Map<String, Object>> callees = new ArrayList<>();
        for (Map<String, Object> l : (List<Map<String, Object>>) saved.get("calleeLegs")) {
            Map<String, Object> leg = new HashMap<>(l);
            leg.put("side", "CALLEE");
            callees.add(leg);
        }
        m.put("calleeLegs", callees);
        int answered = (Integer) saved.get("answeredLeg"); // -1: none (in "parties", -1 is the caller leg and -2 none)
        m.put("parties", List.of(-1, answered < 0 ? -2 : answered));
        m.put("callingSide", "CALLER");
        return m;
    }
}
