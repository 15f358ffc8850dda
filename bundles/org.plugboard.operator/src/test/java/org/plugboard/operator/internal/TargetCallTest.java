package org.plugboard.operator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallState;
import org.plugboard.api.media.Side;

class TargetCallTest {
    @Test
    void theExtensionsAnsweredCallOnEitherSide() {
        var calls = List.of(Calls.call("k1", "1005", "1002", CallState.RINGING), Calls.call("k2", "1001", "1002", CallState.CONNECTED),
                Calls.call("k3", "1003", "1004", CallState.ANSWERED));
        assertEquals(Optional.of(new TargetCall("k2", Side.CALLEE, "1001")), TargetCall.of(calls, "1002", ""));
        assertEquals(Optional.of(new TargetCall("k2", Side.CALLER, "1002")), TargetCall.of(calls, "1001", ""));
        assertEquals(Optional.of(new TargetCall("k3", Side.CALLER, "1004")), TargetCall.of(calls, "1003", ""));
        assertEquals(Optional.empty(), TargetCall.of(calls, "1005", ""), "a ringing call is no call to join");
        assertEquals(Optional.empty(), TargetCall.of(calls, "1001", "k2"), "never the operator's own call");
        assertEquals(Optional.empty(), TargetCall.of(calls, "1009", ""));
    }
}
