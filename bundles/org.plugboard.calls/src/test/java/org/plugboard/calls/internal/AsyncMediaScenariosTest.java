package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.media.MediaGateway;

/**
 * Media through an engine that answers later (a remote engine's round trip): the strand never waits for it, the
 * call's steps keep their order, a call cancelled meanwhile gives its session back, and a new call whose engine is
 * being updated waits for it instead of being refused.
 */
class AsyncMediaScenariosTest extends ScenarioTest {
    private final SlowEngine engine = new SlowEngine();
    private final Phone carol = pbx.phone("1003", 13);
    private final Phone dave = pbx.registered("1004", 14);

    AsyncMediaScenariosTest() {
        pbx.config.mediaEngine = "slow";
    }

    private void bindEngine() {
        pbx.b2bua().addMediaGateway(engine, Map.of(MediaGateway.ENGINE, "slow"));
    }

    @Test
    void aStrandGoesOnWhileTheEngineAnswersAnotherCall() {
        bindEngine();
        TestServerRequest first = alice.invite("1002", alice.sdp());
        assertEquals(List.of(100), first.statuses(), "the first call waits for its engine");
        assertEquals(List.of(), wire.sent("INVITE", bob));
        TestServerRequest second = carol.invite("1004", carol.sdp());
        assertEquals(2, engine.pending.size(), "the second call got to its engine without waiting for the first");
        engine.pending.get(1).reply().complete(engine.pending.get(1).sdp());
        engine.pending.remove(1);
        RecordingSip.Sent toDave = wire.one("INVITE", dave);
        engine.answerNext();
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        assertTrue(toBob.body().contains("relayed-"), "the first call's INVITE carries the engine's SDP");
        bob.reply(toBob, 486);
        dave.reply(toDave, 486);
        assertEquals(486, first.finalStatus());
        assertEquals(486, second.finalStatus());
    }

    @Test
    void provisionalsReachTheCallerInTheOrderTheyCame() {
        bindEngine();
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        engine.answerNext();
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 183, bob.sdp());
        bob.reply(toBob, 180);
        assertEquals(List.of(100), invite.statuses(), "the 180 waits behind the 183 whose SDP the engine has");
        engine.answerNext();
        assertEquals(List.of(100, 183, 180), invite.statuses());
        bob.reply(toBob, 486);
    }

    @Test
    void forksStartWhenTheOfferWasRelayedTowardEachHostOneOfferAtATime() {
        bindEngine();
        Phone mobile = new Phone("1004", "127.0.2.14", 5060, wire, pbx);
        pbx.location.register("1004", mobile);
        TestServerRequest invite = carol.invite("1004", carol.sdp());
        assertEquals(1, engine.pending.size(), "the offer toward the second host waits for the first one's answer");
        engine.answerNext();
        assertEquals(1, engine.pending.size());
        assertEquals(List.of(), wire.sent("INVITE"), "no fork before every host's offer is back");
        engine.answerNext();
        mobile.reply(wire.one("INVITE", mobile), 486);
        dave.reply(wire.one("INVITE", dave), 486);
        assertEquals(486, invite.finalStatus());
    }

    @Test
    void anOfferTheEngineFailsTowardOneHostEndsTheCallBeforeAnyFork() {
        bindEngine();
        pbx.location.register("1004", new Phone("1004", "127.0.2.14", 5060, wire, pbx));
        TestServerRequest invite = carol.invite("1004", carol.sdp());
        engine.answerNext();
        engine.failNext();
        assertEquals(503, invite.finalStatus());
        assertEquals(List.of(), wire.sent("INVITE"));
        assertEquals(CallTag.MEDIA_FAILURE, pbx.collected.cdr().tag());
    }

    @Test
    void aCallCancelledWhileTheEngineAnswersGivesItsSessionBack() throws Exception {
        bindEngine();
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        alice.send("CANCEL", null);
        assertEquals(487, invite.finalStatus());
        engine.answerNext();
        assertEquals(List.of(), wire.sent("INVITE", bob), "nobody is called for a cancelled call");
        assertTrue(engine.sessions.get(0).released.await(5, TimeUnit.SECONDS), "its ports are given back");
        assertEquals(CallTag.CALLER_CANCEL, pbx.collected.cdr().tag());
    }

    @Test
    void anEngineThatNeverAnswersEndsTheCallWith503() {
        bindEngine();
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        engine.failNext();
        assertEquals(503, invite.finalStatus());
        assertEquals(CallTag.MEDIA_FAILURE, pbx.collected.cdr().tag());
    }

    @Test
    void aNewCallWaitsForItsEngineDuringAnUpdateOfTheMediaBundle() {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        assertEquals(List.of(100), invite.statuses(), "no engine bound: the call waits, it is not refused");
        bindEngine();
        engine.answerNext();
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 486);
        assertEquals(486, invite.finalStatus());
    }

    @Test
    void aNewCallIsRefusedWhenItsEngineStaysAwayLongerThanTheWait() {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        pbx.advance(Duration.ofMillis(4999));
        assertEquals(List.of(100), invite.statuses(), "still waiting within media.wait.ms");
        pbx.advance(Duration.ofMillis(1));
        assertEquals(503, invite.finalStatus());
        assertTrue(invite.last().getReasonPhrase().startsWith("Media"), invite.last().getReasonPhrase());
    }
}
