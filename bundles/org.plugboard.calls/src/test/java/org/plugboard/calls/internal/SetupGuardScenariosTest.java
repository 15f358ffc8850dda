package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.media.MediaGateway;

/**
 * Regression for the calls left live for minutes after a call-rate overload: a call whose set-up never completes
 * (here a media engine whose answer never comes, the caller long gone) ends after the set-up bound, while a call
 * that rings is left to its ring timer.
 */
class SetupGuardScenariosTest extends ScenarioTest {
    private final SlowEngine engine = new SlowEngine();

    SetupGuardScenariosTest() {
        pbx.config.mediaEngine = "slow";
        pbx.b2bua().addMediaGateway(engine, Map.of(MediaGateway.ENGINE, "slow"));
    }

    @Test
    void aCallWhoseSetUpNeverCompletesEndsAfterTheBound() throws Exception {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        assertEquals(1, engine.pending.size(), "the call waits for its engine, which never answers");
        pbx.advance(Duration.ofMillis(31_999));
        assertEquals(1, pbx.b2bua().calls().size(), "not before the bound");
        assertEquals(List.of(100), invite.statuses(), "no final answer yet");

        pbx.advance(Duration.ofMillis(1));
        assertEquals(List.of(), pbx.b2bua().calls(), "no call is live after the bound");
        assertTrue(invite.finalStatus() >= 400, "the caller got a final answer: " + invite.statuses());
        CallDetailRecord cdr = pbx.collected.cdr();
        assertEquals(CallTag.SYSTEM, cdr.tag());

        engine.answerNext(); // the engine's answer, far too late, starts nothing and gives its session back
        assertEquals(List.of(), wire.sent("INVITE", bob));
        assertTrue(engine.sessions.get(0).released.await(5, java.util.concurrent.TimeUnit.SECONDS), "its ports are given back");
    }

    @Test
    void aRingingCallIsLeftToItsRingTimer() {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        engine.answerNext();
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 180);
        pbx.advance(Duration.ofSeconds(40));
        assertEquals(1, pbx.b2bua().calls().size(), "ringing past the set-up bound: still up");
        assertEquals(List.of(), wire.sent("CANCEL"));

        pbx.advance(Duration.ofSeconds(20));
        RecordingSip.Sent cancel = wire.one("CANCEL", bob);
        bob.reply(cancel, 200);
        bob.reply(toBob, 487);
        assertEquals(480, invite.finalStatus());
        assertEquals(CallTag.RING_TIMEOUT, pbx.collected.cdr().tag());
    }

    @Test
    void aBoundOfZeroLeavesTheCallAlone() {
        pbx.config.setupTimeout = 0;
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        pbx.advance(Duration.ofMinutes(5));
        assertEquals(1, pbx.b2bua().calls().size());
        engine.answerNext();
        bob.reply(wire.one("INVITE", bob), 486);
        assertEquals(486, invite.finalStatus());
    }
}
