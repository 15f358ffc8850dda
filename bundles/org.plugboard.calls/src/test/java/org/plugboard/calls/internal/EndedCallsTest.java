package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Issue 18: an ended call is kept 64*T1 only while something late may still need it (a caller's ACK to our 200, a
 * 200 racing our CANCEL, the answer to our BYE, a refused caller's INVITE again); an answered call whose every
 * message has been answered is forgotten at once and is garbage: at 400 calls a second the 32 s kept 12,800 ended
 * calls and everything they referenced (BENCHMARKS.md, "Issue 18").
 */
class EndedCallsTest extends ScenarioTest {

    @Test
    void answeredCallsThatEndedAreForgottenAtOnceAndCollectable() throws Exception {
        List<WeakReference<Call>> ended = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pbx.connect(alice, bob);
            ended.add(new WeakReference<>(pbx.b2bua().table().call(pbx.callId())));
            alice.send("BYE", null);
            assertEquals(1, pbx.b2bua().table().handOver().size(), "kept while our BYE to the callee is unanswered");
            bob.reply(wire.last("BYE", bob), 200);
            assertEquals(0, pbx.b2bua().table().handOver().size(), "an ended call nothing can need is forgotten");
        }
        assertTrue(collected(ended, Duration.ofSeconds(10)), "ended calls are still reachable");
    }

    @Test
    void aCallerThatHasNotAckedOur200KeepsTheCallUntilItsAck() {
        alice.invite("1002", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 200, bob.sdp());
        bob.send("BYE", null); // the callee hangs up before the caller's ACK
        assertEquals(1, pbx.b2bua().table().handOver().size(), "the caller's ACK must still find the call");
        alice.ack(null);
        RecordingSip.Sent bye = wire.last("BYE", alice);
        alice.reply(bye, 200);
        assertEquals(0, pbx.b2bua().table().handOver().size());
    }

    @Test
    void aRefusedCallIsKeptSixtyFourT1() {
        alice.invite("1002", alice.sdp());
        bob.reply(wire.one("INVITE", bob), 486);
        assertEquals(1, pbx.b2bua().table().handOver().size(), "its INVITE may come again past a lost transaction");
        pbx.advance(Duration.ofMillis(Releaser.FORGET_AFTER_MILLIS));
        assertEquals(0, pbx.b2bua().table().handOver().size());
    }

    /** Whether every referent is collected within {@code limit}, asking the collector again meanwhile. */
    private static boolean collected(List<WeakReference<Call>> refs, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (refs.stream().anyMatch(r -> r.get() != null)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            System.gc();
        }
        return true;
    }
}
