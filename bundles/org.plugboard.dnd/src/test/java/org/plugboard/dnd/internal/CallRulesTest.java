package org.plugboard.dnd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Outcome;

class CallRulesTest {
    private final Map<String, ExtensionSettings> settings = new HashMap<>();
    private final LiveCalls calls = new LiveCalls();
    private final List<String> written = new ArrayList<>();
    private final CallRules rules = new CallRules(ext -> settings.getOrDefault(ext, ExtensionSettings.defaults(ext)), calls,
            () -> 1000L, defaultCodes(), (ext, code) -> written.add(ext + ":" + code));

    static FeatureCodes defaultCodes() {
        Map<FeatureCode, String> t = new EnumMap<>(FeatureCode.class);
        t.put(FeatureCode.DND_ON, "*78");
        t.put(FeatureCode.DND_OFF, "*79");
        t.put(FeatureCode.CALL_WAITING_ON, "*56");
        t.put(FeatureCode.CALL_WAITING_OFF, "*57");
        return FeatureCodes.of(t);
    }

    private void set(ExtensionSettings s) {
        settings.put(s.extension(), s);
    }

    @Test
    void withDefaultSettingsEveryCallGoesOn() {
        assertSame(Outcome.CONTINUE, rules.decide(Requests.originating("c1", "1001", "1002")));
        assertSame(Outcome.CONTINUE, rules.decide(Requests.routed("c1", "1001", "1002")));
        assertSame(Outcome.CONTINUE, rules.decide(Requests.routed("c2", "1003", "1002")), "call waiting is on by default");
        assertEquals(new LiveCalls.Usage(2, 0, false), calls.usage("1002"));
        assertEquals(new LiveCalls.Usage(0, 1, true), calls.usage("1001"));
    }

    @Test
    void aFeatureCodeIsCarriedOutForTheCallerAndConfirmed() {
        Outcome o = rules.decide(Requests.originating("c1", "1001", "*78"));
        assertEquals(new Outcome.Confirm("DND on for 1001"), o);
        assertEquals(List.of("1001:DND_ON"), written);
        assertEquals(new Outcome.Confirm("call waiting off for 1002"), rules.decide(Requests.originating("c2", "1002", "*57")));
        assertEquals(new Outcome.Confirm("DND off for 1001"), rules.decide(Requests.originating("c3", "1001", "*79")));
        assertEquals(new Outcome.Confirm("call waiting on for 1002"), rules.decide(Requests.originating("c4", "1002", "*56")));
        assertEquals(List.of("1001:DND_ON", "1002:CALL_WAITING_OFF", "1001:DND_OFF", "1002:CALL_WAITING_ON"), written);
        assertEquals(LiveCalls.Usage.NONE, calls.usage("1001"), "a feature code call is no outgoing call");
    }

    @Test
    void aFeatureCodeFromALineOrTrunkIsNoFeatureCode() {
        assertSame(Outcome.CONTINUE, rules.decide(Requests.originating("c1", "0612345678", "*78").from("carrier")));
        assertTrue(written.isEmpty());
    }

    @Test
    void codesCanBeChangedAndTurnedOff() {
        Map<FeatureCode, String> t = new EnumMap<>(FeatureCode.class);
        t.put(FeatureCode.DND_ON, "*21");
        rules.codes(FeatureCodes.of(t));
        assertSame(Outcome.CONTINUE, rules.decide(Requests.originating("c1", "1001", "*78")));
        assertInstanceOf(Outcome.Confirm.class, rules.decide(Requests.originating("c2", "1001", "*21")));
    }

    @Test
    void dndGivesBusyTreatmentWithItsTag() {
        set(ExtensionSettings.defaults("1002").withDnd(true));
        assertEquals(new Outcome.Busy(CallTag.DO_NOT_DISTURB, "1002 has do-not-disturb on"), rules.decide(Requests.routed("c1", "1001", "1002")));
        assertEquals(LiveCalls.Usage.NONE, calls.usage("1002"), "a refused call takes no slot");
        set(ExtensionSettings.defaults("1002"));
        assertSame(Outcome.CONTINUE, rules.decide(Requests.routed("c2", "1001", "1002")));
    }

    @Test
    void dndDoesNotStopTheExtensionCallingOut() {
        set(ExtensionSettings.defaults("1001").withDnd(true));
        assertSame(Outcome.CONTINUE, rules.decide(Requests.originating("c1", "1001", "1002")));
    }

    @Test
    void overTheIncomingLimitIsBusyWithCallLimit() {
        set(ExtensionSettings.defaults("1002").withLimits(2, 0));
        assertSame(Outcome.CONTINUE, rules.decide(Requests.routed("c1", "1001", "1002")));
        assertSame(Outcome.CONTINUE, rules.decide(Requests.routed("c2", "1003", "1002")));
        Outcome o = rules.decide(Requests.routed("c3", "1004", "1002"));
        assertEquals(new Outcome.Busy(CallTag.CALL_LIMIT, "1002: all 2 incoming calls in use (pbx:call-limit 1002 --in 2)"), o);
        calls.released("c1", 2000);
        assertSame(Outcome.CONTINUE, rules.decide(Requests.routed("c4", "1004", "1002")), "a slot is free again");
    }

    @Test
    void overTheOutgoingLimitIsRefusedWith480AndCallLimit() {
        set(ExtensionSettings.defaults("1001").withLimits(0, 1));
        assertSame(Outcome.CONTINUE, rules.decide(Requests.originating("c1", "1001", "1002")));
        Outcome o = rules.decide(Requests.originating("c2", "1001", "1003"));
        assertEquals(new Outcome.Reject(480, "Call Limit Reached", 34, "1001: all 1 outgoing calls in use (pbx:call-limit 1001 --out 1)",
                CallTag.CALL_LIMIT), o);
        assertInstanceOf(Outcome.Confirm.class, rules.decide(Requests.originating("c3", "1001", "*78")), "feature codes still work");
    }

    @Test
    void theOutgoingLimitIsNotAskedAgainForTheSameCall() {
        set(ExtensionSettings.defaults("1001").withLimits(0, 1));
        assertSame(Outcome.CONTINUE, rules.decide(Requests.originating("c1", "1001", "1002")));
        assertSame(Outcome.CONTINUE, rules.decide(Requests.originating("c1", "1001", "1002")), "a call does not count against itself");
    }

    @Test
    void callWaitingOffIsBusyWhileTheCalleeTalks() {
        set(ExtensionSettings.defaults("1002").withCallWaiting(false));
        assertSame(Outcome.CONTINUE, rules.decide(Requests.routed("c1", "1001", "1002")));
        assertSame(Outcome.CONTINUE, rules.decide(Requests.routed("c2", "1003", "1002")), "c1 only rings: not in a call yet");
        calls.progressed("c1", "1001", "1002", true, 1500);
        assertEquals(new Outcome.Busy(CallTag.CALL_LIMIT, "1002 is in a call and has call waiting off"),
                rules.decide(Requests.routed("c3", "1004", "1002")));
    }

    @Test
    void callWaitingOffIsBusyWhileTheCalleeCallsOut() {
        set(ExtensionSettings.defaults("1002").withCallWaiting(false));
        assertSame(Outcome.CONTINUE, rules.decide(Requests.originating("c1", "1002", "1003")));
        assertEquals(new Outcome.Busy(CallTag.CALL_LIMIT, "1002 is in a call and has call waiting off"),
                rules.decide(Requests.routed("c2", "1001", "1002")));
        calls.released("c1", 2000);
        assertSame(Outcome.CONTINUE, rules.decide(Requests.routed("c3", "1001", "1002")));
    }

    @Test
    void dndComesBeforeTheLimits() {
        set(new ExtensionSettings("1002", true, false, 1, 1));
        assertEquals(CallTag.DO_NOT_DISTURB, ((Outcome.Busy) rules.decide(Requests.routed("c1", "1001", "1002"))).tag());
    }

    @Test
    void otherPointsAreLeftAlone() {
        set(ExtensionSettings.defaults("1002").withDnd(true));
        for (DetectionPoint p : List.of(DetectionPoint.BUSY, DetectionPoint.NO_ANSWER, DetectionPoint.UNREACHABLE, DetectionPoint.ANSWERED,
                DetectionPoint.RELEASED)) {
            assertSame(Outcome.CONTINUE, rules.decide(Requests.routed("c1", "1001", "1002").at(p)), p.name());
        }
    }

    @Test
    void dndAppliesToCallsFromLinesAndTrunksToo() {
        set(ExtensionSettings.defaults("1002").withDnd(true));
        assertInstanceOf(Outcome.Busy.class, rules.decide(Requests.routed("c1", "0612345678", "1002").from("carrier")));
    }
}
