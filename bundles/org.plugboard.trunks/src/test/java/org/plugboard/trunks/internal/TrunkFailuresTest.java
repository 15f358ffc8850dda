package org.plugboard.trunks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.calls.LegInfo;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.sip.NextHop;

/** A failed outbound call is remembered for the trunk its callee leg went to, for pbx:trunk-list. */
class TrunkFailuresTest {
    private static final NextHop TLS_PEER = new NextHop("127.0.0.7", 15072, "TLS");
    private final TrunkFailures failures = new TrunkFailures(() -> List.of(
            new TrunkRoutes.Trunk(TrunkSettingsTest.settings("badpeer", "", ""), TLS_PEER),
            new TrunkRoutes.Trunk(TrunkSettingsTest.settings("other", "", ""), new NextHop("127.0.0.8", 5060, "UDP"))));

    @Test
    void aFailedCallOverATrunkIsItsLastFailureWithTheReason() {
        failures.released(call("127.0.0.7:15072/TLS"), record(Disposition.FAILED, "503 TLS peer certificate not trusted: CN=x"));
        assertEquals("503 TLS peer certificate not trusted: CN=x", failures.last("badpeer").orElseThrow().reason());
        assertTrue(failures.last("other").isEmpty());
    }

    @Test
    void answeredCallsAndCallsElsewhereAreNoFailureOfTheTrunk() {
        failures.released(call("127.0.0.7:15072/TLS"), record(Disposition.ANSWERED, "caller hung up"));
        failures.released(call("127.0.0.9:5060/UDP"), record(Disposition.FAILED, "404 Not Found"));
        assertTrue(failures.last("badpeer").isEmpty());
    }

    private static CallInfo call(String target) {
        return new CallInfo("c1", "1001", "85550002", CallState.RELEASED, Instant.EPOCH, null, List.of(
                new LegInfo("caller", "a", "1001", "127.0.0.1:5060/UDP", CallState.RELEASED, org.plugboard.api.media.Side.CALLER, true),
                new LegInfo("callee", "b", "85550002", target, CallState.RELEASED, org.plugboard.api.media.Side.CALLEE, false)));
    }

    private static CallDetailRecord record(Disposition d, String reason) {
        return new CallDetailRecord("a", "c1", "1001", "85550002", "", Instant.EPOCH, null, null, Instant.EPOCH.plusSeconds(1), d,
                d == Disposition.ANSWERED ? 200 : 503, 41, reason, CallTag.CALLEE_REJECTED, "85550002");
    }
}
