package org.plugboard.dnd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.LegInfo;
import org.plugboard.api.media.Side;

class LiveCallsTest {
    private final LiveCalls calls = new LiveCalls();

    /** Refuses when the extension has {@code max} incoming calls already; null admits. */
    private static Function<LiveCalls.Usage, String> inLimit(int max) {
        return u -> u.in() >= max ? "busy" : null;
    }

    private static CallInfo info(String id, String caller, String callee, CallState state) {
        return new CallInfo(id, caller, callee, state, Instant.EPOCH, null, List.of());
    }

    @Test
    void aCreatedCallCountsForNobodyUntilItIsCheckedOrRings() {
        calls.created("c1", "1001", "1002", 0);
        assertEquals(LiveCalls.Usage.NONE, calls.usage("1001"));
        assertEquals(LiveCalls.Usage.NONE, calls.usage("1002"));
        calls.progressed("c1", "1001", "1002", false, 10);
        assertEquals(new LiveCalls.Usage(0, 1, true), calls.usage("1001"), "ringing out engages the caller");
        assertEquals(new LiveCalls.Usage(1, 0, false), calls.usage("1002"), "ringing in does not engage the callee");
        calls.progressed("c1", "1001", "1002", true, 20);
        assertEquals(new LiveCalls.Usage(1, 0, true), calls.usage("1002"));
        calls.released("c1", 30);
        assertEquals(LiveCalls.Usage.NONE, calls.usage("1001"));
        assertEquals(LiveCalls.Usage.NONE, calls.usage("1002"));
        assertEquals(0, calls.size());
    }

    @Test
    void aForwardedCallCountsForItsNewCalleeOnly() {
        assertNull(calls.terminate("c1", "1002", 0, inLimit(1)));
        assertNull(calls.terminate("c1", "1003", 0, inLimit(1)), "forwarded: 1003's check");
        assertEquals(LiveCalls.Usage.NONE, calls.usage("1002"));
        assertEquals(new LiveCalls.Usage(1, 0, false), calls.usage("1003"));
    }

    @Test
    void aRefusedCheckTakesNothing() {
        assertNull(calls.terminate("c1", "1002", 0, inLimit(1)));
        assertEquals("busy", calls.terminate("c2", "1002", 0, inLimit(1)));
        assertEquals(new LiveCalls.Usage(1, 0, false), calls.usage("1002"));
        assertEquals("refused", calls.originate("c3", "1001", 0, u -> "refused"));
        assertEquals(LiveCalls.Usage.NONE, calls.usage("1001"));
    }

    /**
     * Why the counts are not read from the B2BUA's snapshots: they are published after each event, so calls decided
     * at the same moment on different strands would not see each other. Here 16 threads check the same extension with
     * limit 1 at once, many times over: exactly one call may get through each time. The decision dawdles a little
     * (0.1 ms) to widen the window a check-then-take without one critical section would lose in.
     */
    @Test
    void callsDecidedAtTheSameMomentNeverShareTheLastSlot() throws Exception {
        ExecutorService strands = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < 100; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    String id = round + "-" + i;
                    answers.add(strands.submit(() -> {
                        calls.created(id, "caller" + id, "1002", 0);
                        start.await();
                        return calls.terminate(id, "1002", 0, u -> {
                            LockSupport.parkNanos(100_000);
                            return inLimit(1).apply(u);
                        });
                    }));
                }
                start.countDown();
                int admitted = 0;
                for (Future<String> f : answers) {
                    if (f.get(10, TimeUnit.SECONDS) == null) {
                        admitted++;
                    }
                }
                assertEquals(1, admitted, "round " + round);
                for (int i = 0; i < 16; i++) {
                    calls.released(round + "-" + i, 0);
                }
            }
        } finally {
            strands.shutdownNow();
        }
    }

    @Test
    void reconcileCountsCallsThatWereUpBeforeThisBundle() {
        int changes = calls.reconcile(List.of(info("c1", "1001", "1002", CallState.CONNECTED), info("c2", "1003", "1002", CallState.RINGING),
                info("c3", "1004", "1001", CallState.RELEASED)), 100_000, 10_000);
        assertEquals(2, changes);
        assertEquals(new LiveCalls.Usage(2, 0, true), calls.usage("1002"));
        assertEquals(new LiveCalls.Usage(0, 1, true), calls.usage("1001"));
        assertEquals(0, calls.reconcile(List.of(info("c1", "1001", "1002", CallState.CONNECTED), info("c2", "1003", "1002", CallState.RINGING)),
                101_000, 10_000), "nothing new");
    }

    @Test
    void reconcileDropsCallsWhoseReleaseWasMissedOnceTheGraceIsOver() {
        assertNull(calls.terminate("c1", "1002", 100_000, inLimit(5)));
        assertEquals(0, calls.reconcile(List.of(), 105_000, 10_000), "too young: its snapshot may not be out yet");
        assertEquals(1, calls.usage("1002").in());
        assertEquals(1, calls.reconcile(List.of(), 111_000, 10_000));
        assertEquals(LiveCalls.Usage.NONE, calls.usage("1002"));
    }

    @Test
    void aSnapshotReadBeforeAReleaseDoesNotBringTheCallBack() {
        CallInfo stale = info("c1", "1001", "1002", CallState.CONNECTED);
        calls.progressed("c1", "1001", "1002", true, 100_000);
        calls.released("c1", 101_000);
        assertEquals(0, calls.reconcile(List.of(stale), 102_000, 10_000));
        assertEquals(LiveCalls.Usage.NONE, calls.usage("1002"));
    }

    @Test
    void aCallAnsweredByARingGroupMemberCountsForTheMember() {
        CallInfo answered = new CallInfo("c1", "1001", "600", CallState.CONNECTED, Instant.EPOCH, Instant.EPOCH, List.of(
                new LegInfo("caller", "a", "1001", "127.0.0.1:5062/UDP", CallState.CONNECTED),
                new LegInfo("callee", "b", "1003", "127.0.0.1:5063/UDP", CallState.RELEASED),
                new LegInfo("callee", "c", "1002", "127.0.0.1:5064/UDP", CallState.CONNECTED)));
        assertEquals("1002", LiveCalls.callee(answered));
        assertEquals("600", LiveCalls.callee(info("c2", "1001", "600", CallState.RINGING)), "nobody answered yet: the number");
        assertNull(calls.terminate("c1", "600", 0, inLimit(5)));
        calls.progressed("c1", "1001", LiveCalls.callee(answered), true, 10);
        assertEquals(new LiveCalls.Usage(1, 0, true), calls.usage("1002"));
        assertEquals(LiveCalls.Usage.NONE, calls.usage("600"));
    }

    @Test
    void reconcileMarksAnswerAMissedEventDidNotTell() {
        assertNull(calls.terminate("c1", "1002", 100_000, inLimit(5)));
        calls.reconcile(List.of(info("c1", "1001", "1002", CallState.CONNECTED)), 101_000, 10_000);
        assertEquals(new LiveCalls.Usage(1, 0, true), calls.usage("1002"));
    }

    private static LegInfo leg(String role, String peer, CallState state, Side side, boolean party) {
        return new LegInfo(role, peer + "-leg", peer, "127.0.0.1:5060/UDP", state, side, party);
    }

    /** 1001 called 1002; one of them transferred the other to 1003, who now stands where the transferor stood. */
    private static CallInfo transferred(String caller, String callee, LegInfo... legs) {
        return new CallInfo("c1", caller, callee, CallState.CONNECTED, Instant.EPOCH, Instant.EPOCH, List.of(legs));
    }

    @Test
    void aCallerSideTransferCountsForTheTargetAndNoLongerForTheTransferor() {
        calls.created("c1", "1001", "1002", 0);
        assertNull(calls.originate("c1", "1001", 0, u -> null));
        assertNull(calls.terminate("c1", "1002", 0, inLimit(5)));
        calls.answered(transferred("1001", "1002", leg("caller", "1001", CallState.CONNECTED, Side.CALLER, true),
                leg("callee", "1002", CallState.CONNECTED, Side.CALLEE, true)), 10);
        assertEquals(new LiveCalls.Usage(0, 1, true), calls.usage("1001"));
        // 1001 transfers 1002 to 1003: the target's phone was called, so it is 1003's incoming call
        calls.answered(transferred("1002", "1003", leg("caller", "1001", CallState.RELEASED, Side.CALLER, false),
                leg("callee", "1002", CallState.CONNECTED, Side.CALLEE, true), leg("callee", "1003", CallState.CONNECTED, Side.CALLER, true)), 20);
        assertEquals(LiveCalls.Usage.NONE, calls.usage("1001"), "the transferor left: free for a call waiting check");
        assertEquals(new LiveCalls.Usage(1, 0, true), calls.usage("1003"), "the target talks");
        assertEquals(new LiveCalls.Usage(1, 0, true), calls.usage("1002"));
        calls.released("c1", 30);
        assertEquals(LiveCalls.Usage.NONE, calls.usage("1003"));
    }

    @Test
    void aCalleeSideTransferCountsForTheTarget() {
        calls.progressed("c1", "1001", "1002", true, 10);
        calls.answered(transferred("1001", "1003", leg("caller", "1001", CallState.CONNECTED, Side.CALLER, true),
                leg("callee", "1002", CallState.RELEASED, Side.CALLEE, false), leg("callee", "1003", CallState.CONNECTED, Side.CALLEE, true)), 20);
        assertEquals(LiveCalls.Usage.NONE, calls.usage("1002"));
        assertEquals(new LiveCalls.Usage(1, 0, true), calls.usage("1003"));
        assertEquals(new LiveCalls.Usage(0, 1, true), calls.usage("1001"));
    }

    @Test
    void reconcileCountsATransferredCallForItsPartiesNow() {
        calls.progressed("c1", "1001", "1002", true, 10);
        calls.reconcile(List.of(transferred("1002", "1003", leg("caller", "1001", CallState.RELEASED, Side.CALLER, false),
                leg("callee", "1002", CallState.CONNECTED, Side.CALLEE, true), leg("callee", "1003", CallState.CONNECTED, Side.CALLER, true))),
                100_000, 10_000);
        assertEquals(LiveCalls.Usage.NONE, calls.usage("1001"), "its transfer event was missed: the snapshot tells");
        assertEquals(new LiveCalls.Usage(1, 0, true), calls.usage("1003"));
    }

    @Test
    void aPickedUpCallCountsAsIncomingForTheExtensionThatPickedItUp() {
        calls.progressed("c1", "1001", "1002", false, 10);
        calls.answered(transferred("1001", "1002", leg("caller", "1001", CallState.CONNECTED, Side.CALLER, true),
                leg("callee", "1002", CallState.RELEASED, Side.CALLEE, false), leg("caller", "1003", CallState.CONNECTED, Side.CALLEE, true)), 20);
        assertEquals(LiveCalls.Usage.NONE, calls.usage("1002"), "it rang there, 1003 took it");
        assertEquals(new LiveCalls.Usage(1, 0, true), calls.usage("1003"));
    }
}
