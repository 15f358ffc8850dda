package org.plugboard.api.cdr;

import java.time.Instant;
import java.util.List;

import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;

/**
 * One call attempt, written when it ends.
 *
 * @param callId      the caller leg's SIP Call-ID
 * @param id          the PBX's short call id
 * @param caller      calling extension or number
 * @param callee      dialled number
 * @param answeredBy  the device or number that answered, or empty
 * @param start       INVITE received
 * @param ringing     first 18x, or null
 * @param answer      200 sent to the caller, or null
 * @param end         released
 * @param disposition the outcome
 * @param sipStatus   the final status sent to the caller (200 for answered calls)
 * @param q850Cause   the Q.850 release cause: from a Reason header when a peer sent one, else our mapping
 * @param reason      the release cause as text (Reason header text or our own)
 * @param tag         where and by whom the call was released
 * @param finalCallee the number the call was for at its end: the last forwarding target, the internal number a
 *                    line's or trunk's DID reached, or the dialled number (since cdr 1.2; null in records written before)
 * @param linkedCall  the {@code id} of the record this one is linked to by a transfer, or null: the transferor's part
 *                    of a transferred call (tag {@code TRANSFERRED}) and the call that goes on after it name each
 *                    other, and a consultation call replaced by an attended transfer names the call that replaced it
 *                    (since cdr 1.2)
 * @param notes       what services noted about the call, in order ("recorded to ...", "recording failed: disk full",
 *                    "operator override by 100"); empty when none (since cdr 1.3)
 * @param legCallIds  the SIP Call-ID of every leg the call had, each once: the caller's first, then the others in
 *                    the order they started (forks, forwarding targets, line and trunk legs, a transfer's target, a
 *                    picker's); what a ladder of the ended call looks up in the SIP trace. Empty in records written
 *                    before it was kept (since cdr 1.5)
 */
public record CallDetailRecord(String callId, String id, String caller, String callee, String answeredBy, Instant start,
        Instant ringing, Instant answer, Instant end, Disposition disposition, int sipStatus, int q850Cause,
        String reason, CallTag tag, String finalCallee, String linkedCall, List<String> notes, List<String> legCallIds) {

    public CallDetailRecord {
        notes = notes == null ? List.of() : List.copyOf(notes);
        legCallIds = legCallIds == null ? List.of()
                : legCallIds.stream().filter(c -> c != null && !c.isBlank()).distinct().toList();
    }

    /** A record without its legs' Call-IDs (the form of cdr 1.3 and 1.4). */
    public CallDetailRecord(String callId, String id, String caller, String callee, String answeredBy, Instant start,
            Instant ringing, Instant answer, Instant end, Disposition disposition, int sipStatus, int q850Cause,
            String reason, CallTag tag, String finalCallee, String linkedCall, List<String> notes) {
        this(callId, id, caller, callee, answeredBy, start, ringing, answer, end, disposition, sipStatus, q850Cause, reason,
                tag, finalCallee, linkedCall, notes, List.of());
    }

    /** A record without notes (the form of cdr 1.2). */
    public CallDetailRecord(String callId, String id, String caller, String callee, String answeredBy, Instant start,
            Instant ringing, Instant answer, Instant end, Disposition disposition, int sipStatus, int q850Cause,
            String reason, CallTag tag, String finalCallee, String linkedCall) {
        this(callId, id, caller, callee, answeredBy, start, ringing, answer, end, disposition, sipStatus, q850Cause, reason,
                tag, finalCallee, linkedCall, List.of());
    }

    /** A record with no transfer link (the form of cdr 1.2 before transfers). */
    public CallDetailRecord(String callId, String id, String caller, String callee, String answeredBy, Instant start,
            Instant ringing, Instant answer, Instant end, Disposition disposition, int sipStatus, int q850Cause,
            String reason, CallTag tag, String finalCallee) {
        this(callId, id, caller, callee, answeredBy, start, ringing, answer, end, disposition, sipStatus, q850Cause, reason,
                tag, finalCallee, null);
    }

    /** A record of a call that was not forwarded (the form of cdr 1.0 and 1.1): its final callee is the dialled one. */
    public CallDetailRecord(String callId, String id, String caller, String callee, String answeredBy, Instant start,
            Instant ringing, Instant answer, Instant end, Disposition disposition, int sipStatus, int q850Cause,
            String reason, CallTag tag) {
        this(callId, id, caller, callee, answeredBy, start, ringing, answer, end, disposition, sipStatus, q850Cause, reason,
                tag, callee, null);
    }

    /** True when the call ended for another number than the dialled one: forwarded, or a DID reaching its extension. */
    public boolean forwarded() {
        return finalCallee != null && !finalCallee.equals(callee);
    }

    /** Seconds from answer to end (0 for unanswered calls). */
    public long billableSeconds() {
        return answer == null ? 0 : Math.max(0, end.getEpochSecond() - answer.getEpochSecond());
    }
}
