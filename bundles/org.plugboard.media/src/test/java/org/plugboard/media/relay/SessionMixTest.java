package org.plugboard.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.SessionMix;
import org.plugboard.api.media.SessionMix.Mode;
import org.plugboard.api.media.Side;
import org.plugboard.media.audio.Goertzel;

/** A third party mixed into a relayed call, through the real relay and three UDP phones. */
class SessionMixTest extends MixFixture {
    private MediaSession session;
    private Talker a;
    private Talker b;
    private Talker c;
    private final MediaEndpoint[] third = new MediaEndpoint[1];

    /** A relayed call A (500 Hz) - B (1100 Hz), each side's first packet relayed, and a leg C (1900 Hz). */
    private void call(int payloadType) throws Exception {
        Phone pa = phone("127.0.0.1");
        Phone pb = phone("127.0.0.1");
        session = gateway.open("call-mix", listener);
        String toCallee = session.offer(Side.CALLER, audio("127.0.0.1", pa.port()), "127.0.0.1", "127.0.0.1");
        String toCaller = session.answer(Side.CALLEE, audio("127.0.0.1", pb.port()), "127.0.0.1", "127.0.0.1");
        a = new Talker(pa, 500, 6000, AudioEncoding.PCMU, 0xA);
        a.relayPort = port(toCaller, 0);
        b = new Talker(pb, 1100, 6000, AudioEncoding.PCMU, 0xB);
        b.relayPort = port(toCallee, 0);
        a.talk(payloadType);
        assertTrue(b.hear(2000), "relayed before the mix");
        b.talk(payloadType);
        assertTrue(a.hear(2000), "relayed before the mix");
        c = leg(1900, AudioEncoding.PCMU, 20, third);
    }

    private SessionMix mix(Mode mode, boolean warn) throws Exception {
        return await(session.mix(third[0], mode, Side.CALLER, warn));
    }

    /** Clears what was heard, after the mix has ticked a few times with the change. */
    private void settle() throws Exception {
        c.listen();
        Talker.rounds(3, c, a, b, c);
        for (Talker t : List.of(a, b, c)) {
            t.forget();
        }
    }

    @Test
    void talkEachPartyHearsTheOtherTwo() throws Exception {
        call(0);
        SessionMix mix = mix(Mode.TALK, false);
        assertEquals(third[0].id(), mix.endpointId());
        assertEquals(Side.CALLER, mix.party());
        Talker.rounds(50, c, a, b, c);
        hears(a, b);
        hears(a, c);
        doesNotHear(a, a);
        hears(b, a);
        hears(b, c);
        doesNotHear(b, b);
        hears(c, a);
        hears(c, b);
        doesNotHear(c, c);
    }

    @Test
    void listenTheThirdIsNotHeardThenPrivateHoldsTheOtherParty() throws Exception {
        call(0);
        SessionMix mix = mix(Mode.LISTEN, false);
        Talker.rounds(50, c, a, b, c);
        doesNotHear(a, c);
        doesNotHear(b, c);
        hears(a, b);
        hears(b, a);
        hears(c, a);
        hears(c, b);

        mix.mode(Mode.PRIVATE);
        assertEquals(Mode.PRIVATE, mix.mode());
        settle();
        Talker.rounds(45, c, a, b, c);
        hears(a, c);
        doesNotHear(a, b);
        hears(c, a);
        doesNotHear(c, b);
        assertEquals(0, b.packetsHeard, "the held party is sent nothing");
    }

    @Test
    void theWarningIsHeardByBothPartiesNotByTheThird() throws Exception {
        call(0);
        Talker quietA = new Talker(a.phone, 500, 0, AudioEncoding.PCMU, 0xA);
        quietA.relayPort = a.relayPort;
        Talker quietB = new Talker(b.phone, 1100, 0, AudioEncoding.PCMU, 0xB);
        quietB.relayPort = b.relayPort;
        Talker quietC = new Talker(c.phone, 1900, 0, AudioEncoding.PCMU, c.ssrc);
        quietC.relayPort = c.relayPort;
        mix(Mode.TALK, true);
        Talker.rounds(60, quietC, quietA, quietB, quietC);
        for (Talker t : List.of(quietA, quietB)) {
            short[] s = t.heard();
            List<int[]> bursts = Goertzel.bursts(s, 1000);
            assertEquals(3, bursts.size(), "three beeps at " + t.phone.port());
            assertTrue(Goertzel.share(s, bursts.get(1)[0], bursts.get(1)[1] - bursts.get(1)[0], 1400) > 0.8);
        }
        assertTrue(Goertzel.bursts(quietC.heard(), 1000).isEmpty(), "the third hears no beep");
    }

    @Test
    void afterEndTheCallIsRelayedAgainUntouched() throws Exception {
        call(0);
        SessionMix mix = mix(Mode.TALK, false);
        Talker.rounds(10, c, a, b, c);
        mix.end();
        await(mix.ended());
        mix.end(); // idempotent
        assertRelayed();
        // a new mix may start, also from a stage completing on an engine thread (here the session's own loop)
        RelaySession relayed = (RelaySession) session;
        java.util.concurrent.CompletableFuture<SessionMix> fromLoop = new java.util.concurrent.CompletableFuture<>();
        relayed.loop().execute(() -> relayed.mix(third[0], Mode.TALK, Side.CALLEE, false)
                .whenComplete((m, e) -> { if (e != null) fromLoop.completeExceptionally(e); else fromLoop.complete(m); }));
        assertEquals(Side.CALLEE, await(fromLoop).party());
    }

    /** A's packets reach B as A sent them (its SSRC), and B's reach A: the relay forwards again. */
    private void assertRelayed() throws Exception {
        RelayFixture.eventually("A's own packets relayed to B", () -> {
            try {
                a.talk();
                b.listen();
                return b.lastSsrc == a.ssrc;
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        RelayFixture.eventually("B's own packets relayed to A", () -> {
            try {
                b.talk();
                a.listen();
                return a.lastSsrc == b.ssrc;
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void theThirdLegClosingOrTheSessionReleasedEndsIt() throws Exception {
        call(0);
        SessionMix mix = mix(Mode.TALK, false);
        third[0].close();
        await(mix.ended());
        assertRelayed();
        MediaEndpoint[] fourth = new MediaEndpoint[1];
        leg(700, AudioEncoding.PCMU, 20, fourth);
        SessionMix again = await(session.mix(fourth[0], Mode.LISTEN, Side.CALLER, false));
        session.release();
        await(again.ended());
        assertTrue(mixing.callMix(session.id()) == null);
    }

    @Test
    void aSecondMixAndAnotherEnginesLegAreRefused() throws Exception {
        call(0);
        mix(Mode.TALK, false);
        MediaEndpoint[] fourth = new MediaEndpoint[1];
        leg(700, AudioEncoding.PCMU, 20, fourth);
        MediaException second = (MediaException) failure(session.mix(fourth[0], Mode.TALK, Side.CALLER, false));
        assertEquals(MediaException.Kind.ENGINE_FAILURE, second.kind());
        assertTrue(second.getMessage().contains("already has a third party"), second.getMessage());
        MediaSession other = gateway.open("call-2", listener);
        try (RelayGateway otherEngine = new RelayGateway(RelayConfig.defaults().withPorts(40100, 40199)
                .withBindAddress("127.0.0.1").withThreads(1));
                org.plugboard.media.endpoint.Endpoints otherLegs = org.plugboard.media.endpoint.Endpoints.on(otherEngine)) {
            MediaEndpoint foreign = otherLegs.open("x", Side.CALLER);
            MediaException e = (MediaException) failure(other.mix(foreign, Mode.TALK, Side.CALLER, false));
            assertEquals(MediaException.Kind.NO_SESSION, e.kind());
            assertTrue(e.getMessage().contains("not a leg of the media engine"), e.getMessage());
        }
    }

    @Test
    void aBundleUpdateEndsTheMixAndTheNextVersionRelaysTheCall() throws Exception {
        call(0);
        SessionMix mix = mix(Mode.TALK, false);
        Talker.rounds(5, c, a, b, c);
        // what LocalMediaGateway's deactivation does, sessions first here: legs are not handed over
        java.util.List<java.util.Map<String, Object>> states = gateway.handOver(5000);
        await(mix.ended());
        mixing.close();
        endpoints.close();
        gateway = new RelayGateway(CONFIG, states);
        assertEquals(1, gateway.sessions().size());
        assertRelayed();
    }

    /**
     * The whole engine updated (sessions, legs and mixes handed over): the three still hear each other, the stage the
     * operator's flow waits on is still open, and ending the mix through the old object relays the call again.
     */
    @Test
    void anUpdateOfTheEngineKeepsTheMixAndItsStage() throws Exception {
        call(0);
        SessionMix mix = mix(Mode.TALK, false);
        Talker.rounds(10, c, a, b, c);
        updateEngine(10_000);
        assertFalse(mix.ended().toCompletableFuture().isDone(), "the mix goes on");
        assertTrue(mixing.callMix(session.id()) != null, "the next version mixes the call");
        for (Talker t : List.of(a, b, c)) {
            t.forget();
        }
        Talker.rounds(50, c, a, b, c);
        hears(a, b);
        hears(a, c);
        doesNotHear(a, a);
        hears(b, a);
        hears(b, c);
        hears(c, a);
        hears(c, b);
        doesNotHear(c, c);
        mix.end();
        await(mix.ended());
        assertRelayed();
    }

    @Test
    void audioThatIsNotG711IsRefused() throws Exception {
        call(9); // G.722
        MediaException e = (MediaException) failure(session.mix(third[0], Mode.TALK, Side.CALLER, false));
        assertEquals(MediaException.Kind.NO_USABLE_MEDIA, e.kind());
        assertTrue(e.getMessage().contains("not G.711"), e.getMessage());
        assertFalse(mixing.callMix(session.id()) != null);
        a.talk(9);
        assertTrue(b.hear(2000), "still relayed");
    }
}
