package org.plugboard.api.calls;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A request to connect two numbers (call-back, click-to-call): the PBX calls {@code first}; once it answers, the
 * PBX calls {@code second} and bridges the two. Numbers are dialled as given, through the dial plan as if an
 * extension of the PBX had dialled them (the requester adds any out-group prefix). Since calls 1.6.
 *
 * @param first the party called first (an extension or an outside number)
 * @param second the party called once the first answers
 * @param callerName the display name the first party sees; may be empty
 * @param answerTimeout how long each party may ring before the attempt fails
 * @param requestedBy who asked, for the CDR and the audit log ("rest:alice", "callback:127.0.0.1", "console:karaf")
 * @param reference the requester's own id for this request, echoed in events; may be empty
 */
public record OriginateRequest(String first, String second, String callerName, Duration answerTimeout,
        String requestedBy, String reference) {

    /** Dialable characters: digits, '*', '#', '+', and letters for named extensions; at most 64. */
    private static final Pattern NUMBER = Pattern.compile("[0-9A-Za-z*#+._-]{1,64}");

    public OriginateRequest {
        first = checkNumber("first", first);
        second = checkNumber("second", second);
        callerName = callerName == null ? "" : callerName;
        Objects.requireNonNull(answerTimeout, "answerTimeout");
        if (answerTimeout.isNegative() || answerTimeout.isZero() || answerTimeout.toSeconds() > 300) {
            throw new IllegalArgumentException("answerTimeout must be between 1 and 300 seconds, not " + answerTimeout);
        }
        requestedBy = requestedBy == null || requestedBy.isBlank() ? "unknown" : requestedBy;
        reference = reference == null ? "" : reference;
    }

    private static String checkNumber(String field, String number) {
        if (number == null || !NUMBER.matcher(number).matches()) {
            throw new IllegalArgumentException(field + " must be 1-64 of the characters 0-9 A-Z a-z * # + . _ -, not '"
                    + number + "'");
        }
        return number;
    }
}
