package org.plugboard.cdr.internal;

import java.time.Instant;

import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.cdr.CallDetailRecord;

/** Sample records for the tests. */
final class Cdrs {
    static final Instant T0 = Instant.parse("2026-11-23T09:00:00.250Z");

    private Cdrs() {
    }

    static CallDetailRecord answered(String ref, String caller, String callee, Instant start, int talkSeconds) {
        Instant ringing = start.plusMillis(300);
        Instant answer = start.plusSeconds(4);
        return new CallDetailRecord("call-" + ref + "@127.0.0.5", ref, caller, callee, callee + "-desk", start, ringing,
                answer, answer.plusSeconds(talkSeconds), Disposition.ANSWERED, 200, 16, "Normal call clearing",
                CallTag.CALLER_BYE);
    }

    static CallDetailRecord busy(String ref, String caller, String callee, Instant start) {
        return new CallDetailRecord("call-" + ref + "@127.0.0.5", ref, caller, callee, null, start, start.plusMillis(200),
                null, start.plusSeconds(2), Disposition.BUSY, 486, 17, "User busy", CallTag.CALLEE_REJECTED);
    }

    /** The record with these legs' Call-IDs (the caller's first, as the B2BUA gives them). */
    static CallDetailRecord withLegs(CallDetailRecord r, String... legCallIds) {
        return new CallDetailRecord(r.callId(), r.id(), r.caller(), r.callee(), r.answeredBy(), r.start(), r.ringing(),
                r.answer(), r.end(), r.disposition(), r.sipStatus(), r.q850Cause(), r.reason(), r.tag(), r.finalCallee(),
                r.linkedCall(), r.notes(), java.util.List.of(legCallIds));
    }
}
