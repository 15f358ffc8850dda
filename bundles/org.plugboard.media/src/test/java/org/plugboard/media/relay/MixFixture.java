package org.plugboard.media.relay;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.Side;
import org.plugboard.media.audio.Goertzel;
import org.plugboard.media.endpoint.Endpoints;
import org.plugboard.media.mix.Mixing;

/** The relay with its legs and its mixing, and phones that talk tones; every leg closed after each test. */
abstract class MixFixture extends RelayFixture {
    Endpoints endpoints;
    Mixing mixing;

    @BeforeEach
    void engine() {
        start(CONFIG);
        endpoints = Endpoints.on(gateway);
        mixing = new Mixing(gateway, endpoints);
    }

    @AfterEach
    void closeLegs() {
        mixing.close();
        endpoints.close(); // before the fixture checks that every port is back
    }

    /**
     * A bundle update of the engine, as LocalMediaGateway's deactivation and activation do it: rooms and call mixes,
     * then legs, then the relay with its sessions into one deposit; the next version takes the relay, the legs, the
     * rooms, then the call mixes.
     */
    void updateEngine(long keepMillis) {
        java.util.List<java.util.Map<String, Object>> parts = new java.util.ArrayList<>(mixing.handOver());
        parts.addAll(endpoints.handOver());
        java.util.List<java.util.Map<String, Object>> states = gateway.handOver(keepMillis, parts);
        gateway = new RelayGateway(CONFIG, states);
        endpoints = Endpoints.on(gateway);
        endpoints.takeOver(gateway.adopted("leg"), gateway::adoptPair);
        mixing = new Mixing(gateway, endpoints);
        mixing.takeOver(gateway.adopted("room"));
        mixing.takeOverMixes(gateway.adopted("mix"));
    }

    /** A leg of the engine answering a phone that talks {@code hz}. */
    Talker leg(double hz, AudioEncoding law, int ptime, MediaEndpoint[] legOut) throws Exception {
        Phone p = phone("127.0.0.1");
        MediaEndpoint leg = endpoints.open("call-" + p.port(), Side.CALLER);
        String answer = leg.answer(offer(p.port(), law.payloadType(), ptime), "127.0.0.1", "127.0.0.1");
        Talker t = new Talker(p, hz, 6000, law, 0x1000 + p.port());
        t.relayPort = port(answer, 0);
        legOut[0] = leg;
        return t;
    }

    static String offer(int port, int pt, int ptime) {
        return "v=0\r\no=phone 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " + port
                + " RTP/AVP " + pt + " 101\r\na=rtpmap:" + pt + (pt == 0 ? " PCMU/8000" : " PCMA/8000")
                + "\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:" + ptime + "\r\n";
    }

    static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static Throwable failure(CompletionStage<?> stage) throws Exception {
        try {
            stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the stage completed normally");
    }

    /**
     * {@code listener} heard {@code other}'s tone: the best 100 ms window of the last 600 ms holds a good share of it.
     * The best window, not the last: on a loaded machine the test thread (which talks for every phone) may stall,
     * and the mixer, which keeps real time, then has gaps to play.
     */
    static void hears(Talker listener, Talker other) {
        double share = shares(listener, other.hz)[1];
        assertTrue(share > 0.2, listener.phone.port() + " hears " + other.hz + " Hz: best share " + share);
    }

    /** Not in any 100 ms window of the last 600 ms. */
    static void doesNotHear(Talker listener, Talker other) {
        double share = shares(listener, other.hz)[1];
        assertTrue(share < 0.02, listener.phone.port() + " does not hear " + other.hz + " Hz: worst share " + share);
    }

    /** {min, max} share of {@code hz} over 100 ms windows (20 ms apart) of the last 600 ms heard; silent ones skipped. */
    static double[] shares(Talker t, double hz) {
        short[] s = last(t);
        double min = 1;
        double max = 0;
        for (int at = 0; at + 800 <= s.length; at += 160) {
            if (Goertzel.rms(s, at, 800) < 50) {
                continue;
            }
            double share = Goertzel.share(s, at, 800, hz);
            min = Math.min(min, share);
            max = Math.max(max, share);
        }
        return new double[] {min, max};
    }

    static short[] last(Talker t) {
        short[] all = t.heard();
        assertTrue(all.length >= 4800, "heard only " + all.length + " samples at " + t.phone.port());
        return java.util.Arrays.copyOfRange(all, all.length - 4800, all.length);
    }
}
