package org.plugboard.operator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.media.Side;
import org.plugboard.api.service.Outcome;

class OperatorDecisionTest {
    private final OperatorCodes codes = OperatorCodesTest.codes("*88", "*89", "*87");
    private final Set<String> extensions = Set.of("100", "1001", "1002", "1003");
    /** 1002 is in an answered call with 1003. */
    private final Map<String, TargetCall> inCall = Map.of("1002", new TargetCall("k1", Side.CALLEE, "1003"));

    private Outcome decide(OperatorDecision.OverrideBusy busy, String caller, String dialled) {
        return new OperatorDecision(codes, busy, "100"::equals, extensions::contains, e -> Optional.ofNullable(inCall.get(e)))
                .decide(caller, dialled, true);
    }

    private Outcome decide(String caller, String dialled) {
        return decide(OperatorDecision.OverrideBusy.BARGE, caller, dialled);
    }

    @Test
    void otherNumbersAreNotTheOperators() {
        assertEquals(Outcome.proceed(), decide("1001", "1002"));
        assertEquals(Outcome.proceed(), decide("100", "*78"));
    }

    @Test
    void withoutThePermissionEveryCodeIs403NotPermitted() {
        for (String code : new String[] {"*88", "*89", "*87"}) {
            assertEquals(Outcome.reject(403, "Forbidden", 21, "operator permission required for " + code, CallTag.NOT_PERMITTED),
                    decide("1001", code + "1002"));
        }
    }

    @Test
    void bargeAndListenConnectTheOperatorApplication() {
        assertEquals(Outcome.connect("operator", Map.of("target", "1002", "mode", "TALK", "action", "BARGE")), decide("100", "*881002"));
        assertEquals(Outcome.connect("operator", Map.of("target", "1002", "mode", "LISTEN", "action", "LISTEN")), decide("100", "*891002"));
    }

    @Test
    void overrideRingsAnIdleExtensionPastItsServicesAndJoinsABusyOnesCall() {
        assertEquals(new Outcome.Override("1001", "operator override by 100"), decide("100", "*871001"));
        assertEquals(Outcome.connect("operator", Map.of("target", "1002", "mode", "TALK", "action", "OVERRIDE")), decide("100", "*871002"));
        assertEquals(Outcome.connect("operator", Map.of("target", "1002", "mode", "PRIVATE", "action", "OVERRIDE")),
                decide(OperatorDecision.OverrideBusy.HOLD, "100", "*871002"));
    }

    @Test
    void anUnknownTargetOrTheOperatorItselfIsRefused() {
        Outcome.Reject r = assertInstanceOf(Outcome.Reject.class, decide("100", "*889999"));
        assertEquals(404, r.status());
        assertEquals("operator code *88: no extension 9999", r.text());
        r = assertInstanceOf(Outcome.Reject.class, decide("100", "*88100"));
        assertEquals(400, r.status());
    }

    @Test
    void aCodeFromALineOrTrunkIsRefusedWhateverItsCallerNumber() {
        Outcome out = new OperatorDecision(codes, OperatorDecision.OverrideBusy.BARGE, "100"::equals, extensions::contains,
                e -> Optional.empty()).decide("100", "*881002", false);
        assertEquals(Outcome.reject(403, "Forbidden", 21, "operator code *88 from outside the PBX", CallTag.NOT_PERMITTED), out);
    }

    @Test
    void overrideBusyIsBargeOrHold() {
        assertEquals(OperatorDecision.OverrideBusy.HOLD, OperatorDecision.OverrideBusy.of(" Hold "));
        assertEquals(OperatorDecision.OverrideBusy.BARGE, OperatorDecision.OverrideBusy.of("barge"));
        assertThrows(IllegalArgumentException.class, () -> OperatorDecision.OverrideBusy.of("park"));
    }
}
