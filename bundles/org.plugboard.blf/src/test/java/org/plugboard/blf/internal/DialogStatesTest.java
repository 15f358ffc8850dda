package org.plugboard.blf.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.LegInfo;
import org.plugboard.api.media.Side;

/** From the B2BUA's call snapshots to each extension's dialogs, as the CallEvents deliver them. */
class DialogStatesTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Map<String, String> names = Map.of("1001", "Alice", "1002", "Bob", "1003", "");
    private final DialogStates states = new DialogStates(names::get, now::get);

    private static LegInfo caller(CallState s) {
        return new LegInfo("caller", "a-leg@phone", "1001", "127.0.0.1:16610/UDP", s);
    }

    private static LegInfo device(String callId, String ext, int port, CallState s) {
        return new LegInfo("callee", callId, ext, "127.0.0.1:" + port + "/UDP", s);
    }

    private static CallInfo call(String caller, String callee, CallState s, LegInfo... legs) {
        return new CallInfo("c1", caller, callee, s, Instant.EPOCH, null, List.of(legs));
    }

    private List<String> states(String ext) {
        List<String> out = new ArrayList<>();
        for (DialogEntry d : states.dialogs(ext)) {
            out.add(d.id() + ":" + d.state() + (d.event() == null ? "" : "/" + d.event()));
        }
        return out;
    }

    @Test
    void aCallBetweenTwoExtensionsGoesTryingEarlyConfirmedTerminatedOnBothSides() {
        assertEquals(Set.of("1001", "1002"), states.update(call("1001", "1002", CallState.TRYING, caller(CallState.TRYING))));
        assertEquals(List.of("a-leg@phone:trying"), states("1001"));
        assertEquals(List.of("call-c1:trying"), states("1002"), "routed to 1002, no device called yet");
        DialogEntry a = states.dialogs("1001").get(0);
        assertTrue(a.initiator());
        assertEquals("1002", a.remote());
        assertEquals("Bob", a.remoteName());

        states.update(call("1001", "1002", CallState.RINGING, caller(CallState.RINGING), device("b1", "1002", 16611, CallState.RINGING)));
        assertEquals(List.of("a-leg@phone:early"), states("1001"));
        assertEquals(List.of("b1:early"), states("1002"), "the device's leg replaces the placeholder without a terminated one");
        DialogEntry b = states.dialogs("1002").get(0);
        assertEquals("127.0.0.1:16611", b.device());
        assertEquals("1001", b.remote());
        assertEquals("Alice", b.remoteName());

        states.update(call("1001", "1002", CallState.ANSWERED, caller(CallState.ANSWERED), device("b1", "1002", 16611, CallState.CONNECTED)));
        assertEquals(List.of("a-leg@phone:confirmed"), states("1001"));
        assertEquals(List.of("b1:confirmed"), states("1002"));

        assertEquals(Set.of("1001", "1002"), states.release(call("1001", "1002", CallState.RELEASED, caller(CallState.RELEASED),
                device("b1", "1002", 16611, CallState.RELEASED)), CallTag.CALLER_BYE));
        assertEquals(List.of("a-leg@phone:terminated/local-bye"), states("1001"));
        assertEquals(List.of("b1:terminated/remote-bye"), states("1002"));
    }

    @Test
    void anAnonymousCallersNumberIsShownToNoWatcherOfTheCallee() {
        CallInfo placeholder = new CallInfo("c1", "1001", "1002", CallState.TRYING, Instant.EPOCH, null,
                List.of(caller(CallState.TRYING)), true);
        states.update(placeholder);
        assertEquals(null, states.dialogs("1002").get(0).remote(), "routed to 1002: no remote identity");
        CallInfo ringing = new CallInfo("c1", "1001", "1002", CallState.RINGING, Instant.EPOCH, null,
                List.of(caller(CallState.RINGING), device("b1", "1002", 16611, CallState.RINGING)), true);
        states.update(ringing);
        DialogEntry b = states.dialogs("1002").get(0);
        assertEquals(null, b.remote(), "ringing: no remote identity");
        assertEquals(null, b.remoteName());
        assertEquals("1002", states.dialogs("1001").get(0).remote(), "the caller itself still sees whom it calls");
    }

    @Test
    void theEndedDialogsAreShownUntilTheExtensionsNextChangeThenDropped() {
        states.update(call("1001", "1002", CallState.RINGING, caller(CallState.RINGING), device("b1", "1002", 16611, CallState.RINGING)));
        states.release(call("1001", "1002", CallState.RELEASED), CallTag.CALLER_CANCEL);
        assertEquals(List.of("b1:terminated/cancelled"), states("1002"));
        CallInfo next = new CallInfo("c2", "1003", "1002", CallState.TRYING, Instant.EPOCH, null,
                List.of(new LegInfo("caller", "c-leg", "1003", "127.0.0.1:16612/UDP", CallState.TRYING)));
        states.update(next);
        assertEquals(List.of("call-c2:trying"), states("1002"));
        assertEquals(List.of("a-leg@phone:terminated/cancelled"), states("1001"), "1001 did not change: still shows its last end");
    }

    @Test
    void everyDeviceOfTheExtensionIsADialogAndTheOnesNotAnsweredEndCancelled() {
        states.update(call("1001", "1002", CallState.RINGING, caller(CallState.RINGING), device("b1", "1002", 16611, CallState.RINGING),
                device("b2", "1002", 16613, CallState.RINGING)));
        assertEquals(List.of("b1:early", "b2:early"), states("1002"));
        states.update(call("1001", "1002", CallState.ANSWERED, caller(CallState.ANSWERED), device("b1", "1002", 16611, CallState.RELEASED),
                device("b2", "1002", 16613, CallState.CONNECTED)));
        assertEquals(List.of("b2:confirmed", "b1:terminated/cancelled"), states("1002"));
        Set<String> changed = states.update(call("1001", "1002", CallState.CONNECTED, caller(CallState.CONNECTED),
                device("b1", "1002", 16611, CallState.RELEASED), device("b2", "1002", 16613, CallState.CONNECTED)));
        assertEquals(Set.of(), changed, "the cancelled device is not reported again (and ANSWERED to CONNECTED is still confirmed)");
        states.release(call("1001", "1002", CallState.RELEASED), CallTag.CALLEE_BYE);
        assertEquals(List.of("b2:terminated/local-bye"), states("1002"), "the cancelled device was dropped at 1002's next change");
    }

    @Test
    void anExternalNumberHasNoDialogsOnlyTheExtensionsDo() {
        CallInfo in = new CallInfo("c3", "+4930123", "1002", CallState.TRYING, Instant.EPOCH, null,
                List.of(new LegInfo("caller", "x@carrier", "+4930123", "10.0.0.1:5060/UDP", CallState.TRYING)));
        assertEquals(Set.of("1002"), states.update(in));
        assertEquals("+4930123", states.dialogs("1002").get(0).remote());
        assertEquals(null, states.dialogs("1002").get(0).remoteName());
        assertTrue(states.dialogs("+4930123").isEmpty());
    }

    @Test
    void aCallForwardedAwayEndsTheFirstCalleesDialog() {
        states.update(call("1001", "1002", CallState.TRYING, caller(CallState.TRYING)));
        Set<String> changed = states.update(call("1001", "1003", CallState.RINGING, caller(CallState.RINGING),
                device("d1", "1003", 16614, CallState.RINGING)));
        assertTrue(changed.containsAll(Set.of("1002", "1003")));
        assertEquals(List.of("call-c1:terminated"), states("1002"));
        assertEquals(List.of("d1:early"), states("1003"));
    }

    @Test
    void nothingNewIsNoChange() {
        CallInfo ringing = call("1001", "1002", CallState.RINGING, caller(CallState.RINGING), device("b1", "1002", 16611, CallState.RINGING));
        states.update(ringing);
        assertEquals(Set.of(), states.update(ringing));
    }

    @Test
    void reconcilingAddsCallsNotHeardOfAndEndsCallsGoneWithoutARelease() {
        CallInfo up = call("1001", "1002", CallState.CONNECTED, caller(CallState.CONNECTED), device("b1", "1002", 16611, CallState.CONNECTED));
        assertEquals(Set.of("1001", "1002"), states.reconcile(List.of(up)));
        assertEquals(List.of("b1:confirmed"), states("1002"));
        assertEquals(Set.of(), states.reconcile(List.of()), "a call just seen is not dropped at once (the list may lag)");
        now.addAndGet(DialogStates.FORGET_AFTER_MILLIS + 1);
        assertEquals(Set.of("1001", "1002"), states.reconcile(List.of()));
        assertEquals(List.of("b1:terminated"), states("1002"));
        assertEquals(Set.of(), states.reconcile(List.of(up)), "a released call in a late list does not come back");
        assertEquals(Set.of(), states.update(up));
    }

    // ---- a party replaced: transfer, pickup (calls 1.3 says which side a leg stands on) --------------------------

    private static LegInfo leg(String role, String callId, String ext, int port, CallState s, Side side, boolean party) {
        return new LegInfo(role, callId, ext, "127.0.0.1:" + port + "/UDP", s, side, party);
    }

    private static CallInfo answered(String caller, String callee, LegInfo... legs) {
        return new CallInfo("c1", caller, callee, CallState.CONNECTED, Instant.EPOCH, Instant.EPOCH, List.of(legs));
    }

    private DialogEntry only(String ext) {
        assertEquals(1, states.dialogs(ext).size(), states.dialogs(ext).toString());
        return states.dialogs(ext).get(0);
    }

    @Test
    void aCallerSideTransferEndsTheTransferorsDialogAndTheTargetTalksToTheTransferee() {
        states.update(answered("1001", "1002", leg("caller", "a-leg@phone", "1001", 16610, CallState.CONNECTED, Side.CALLER, true),
                leg("callee", "b1", "1002", 16611, CallState.CONNECTED, Side.CALLEE, true)));
        // 1001 transfers 1002 to 1003: the B2BUA names the transferee as caller now, the target as callee
        Set<String> changed = states.update(answered("1002", "1003",
                leg("caller", "a-leg@phone", "1001", 16610, CallState.RELEASED, Side.CALLER, false),
                leg("callee", "b1", "1002", 16611, CallState.CONNECTED, Side.CALLEE, true),
                leg("callee", "t1", "1003", 16612, CallState.CONNECTED, Side.CALLER, true)));
        assertEquals(Set.of("1001", "1002", "1003"), changed);
        assertEquals(List.of("a-leg@phone:terminated"), states("1001"), "the transferor left, its dialog is not 1002's");
        assertEquals(List.of("b1:confirmed"), states("1002"));
        assertEquals("1003", only("1002").remote(), "the transferee talks to the target now");
        assertEquals(List.of("t1:confirmed"), states("1003"));
        DialogEntry target = only("1003");
        assertEquals(false, target.initiator(), "the PBX called the target");
        assertEquals(List.of("1002", "Bob"), List.of(target.remote(), target.remoteName()));

        states.release(answered("1002", "1003", leg("caller", "a-leg@phone", "1001", 16610, CallState.RELEASED, Side.CALLER, false),
                leg("callee", "b1", "1002", 16611, CallState.RELEASED, Side.CALLEE, true),
                leg("callee", "t1", "1003", 16612, CallState.RELEASED, Side.CALLER, true)), CallTag.CALLER_BYE);
        assertEquals(List.of("b1:terminated/local-bye"), states("1002"), "the record's caller (the transferee) hung up");
        assertEquals(List.of("t1:terminated/remote-bye"), states("1003"));
        assertEquals(List.of("a-leg@phone:terminated"), states("1001"), "1001 did not change again");
    }

    @Test
    void aCalleeSideTransferEndsTheTransferorsDialogWithoutCallingItCancelled() {
        states.update(answered("1001", "1002", caller(CallState.CONNECTED), device("b1", "1002", 16611, CallState.CONNECTED)));
        states.update(answered("1001", "1003", leg("caller", "a-leg@phone", "1001", 16610, CallState.CONNECTED, Side.CALLER, true),
                leg("callee", "b1", "1002", 16611, CallState.RELEASED, Side.CALLEE, false),
                leg("callee", "t1", "1003", 16612, CallState.CONNECTED, Side.CALLEE, true)));
        assertEquals(List.of("b1:terminated"), states("1002"), "it was up, then left: not cancelled");
        assertEquals(List.of("t1:confirmed"), states("1003"));
        assertEquals("1003", only("1001").remote());
        assertEquals("1001", only("1003").remote());
    }

    @Test
    void aPickedUpCallIsTheDialogOfTheExtensionThatPickedItUp() {
        states.update(call("1001", "1002", CallState.RINGING, caller(CallState.RINGING), device("b1", "1002", 16611, CallState.RINGING)));
        states.update(answered("1001", "1003", leg("caller", "a-leg@phone", "1001", 16610, CallState.CONNECTED, Side.CALLER, true),
                leg("callee", "b1", "1002", 16611, CallState.RELEASED, Side.CALLEE, false),
                leg("caller", "p1", "1003", 16612, CallState.CONNECTED, Side.CALLEE, true)));
        assertEquals(List.of("b1:terminated/cancelled"), states("1002"));
        assertEquals(List.of("p1:confirmed"), states("1003"));
        assertTrue(only("1003").initiator(), "1003 dialled the pickup code");
        assertEquals("1001", only("1003").remote());
        assertEquals("1003", only("1001").remote());
    }
}
