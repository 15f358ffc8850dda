package org.plugboard.calls.internal;

import java.util.ListIterator;
import java.util.Map;

import javax.sip.header.ReasonHeader;
import javax.sip.message.Message;

/**
 * Release causes: the Q.850 cause a peer put in a Reason header (RFC 3326) wins; otherwise the SIP status is mapped
 * as RFC 3398 section 8.2.6.1 maps it toward ISUP, and our own releases use the usual Q.850 values.
 */
final class Causes {
    static final int UNALLOCATED_NUMBER = 1;
    static final int NORMAL_CLEARING = 16;
    static final int USER_BUSY = 17;
    static final int NO_USER_RESPONDING = 18;
    static final int NO_ANSWER = 19;
    static final int SUBSCRIBER_ABSENT = 20;
    static final int CALL_REJECTED = 21;
    static final int EXCHANGE_ROUTING_ERROR = 25;
    static final int TEMPORARY_FAILURE = 41;
    static final int RESOURCE_UNAVAILABLE = 47;
    static final int SERVICE_NOT_AVAILABLE = 63;
    static final int RECOVERY_ON_TIMER_EXPIRY = 102;
    static final int INTERWORKING = 127;

    private static final Map<Integer, Integer> BY_STATUS = Map.ofEntries(
            Map.entry(400, 41), Map.entry(401, 21), Map.entry(402, 21), Map.entry(403, 21), Map.entry(404, 1),
            Map.entry(405, 63), Map.entry(406, 79), Map.entry(407, 21), Map.entry(408, 102), Map.entry(410, 22),
            Map.entry(413, 127), Map.entry(414, 127), Map.entry(415, 79), Map.entry(416, 127), Map.entry(420, 127),
            Map.entry(421, 127), Map.entry(423, 127), Map.entry(480, 18), Map.entry(481, 41), Map.entry(482, 25),
            Map.entry(483, 25), Map.entry(484, 28), Map.entry(485, 1), Map.entry(486, 17), Map.entry(487, 127),
            Map.entry(488, 127), Map.entry(500, 41), Map.entry(501, 79), Map.entry(502, 38), Map.entry(503, 41),
            Map.entry(504, 102), Map.entry(505, 127), Map.entry(513, 127), Map.entry(600, 17), Map.entry(603, 21),
            Map.entry(604, 1), Map.entry(606, 58));

    private Causes() {
    }

    /** The Q.850 cause RFC 3398 gives for a SIP failure status. */
    static int ofStatus(int status) {
        if (status >= 200 && status < 300) {
            return NORMAL_CLEARING;
        }
        return BY_STATUS.getOrDefault(status, status >= 500 ? TEMPORARY_FAILURE : INTERWORKING);
    }

    /** A Q.850 cause and text from a {@code Reason: Q.850;cause=..;text=".."} header, or null. */
    static Reason fromReasonHeader(Message message) {
        ListIterator<?> it = message.getHeaders(ReasonHeader.NAME);
        while (it != null && it.hasNext()) {
            Object h = it.next();
            if (h instanceof ReasonHeader r && "Q.850".equalsIgnoreCase(r.getProtocol()) && r.getCause() > 0) {
                return new Reason(r.getCause(), r.getText() == null ? "Q.850 cause " + r.getCause() : r.getText());
            }
        }
        return null;
    }

    record Reason(int cause, String text) {
    }
}
