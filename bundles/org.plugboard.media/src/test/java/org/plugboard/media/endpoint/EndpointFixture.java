package org.plugboard.media.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.PortUsage;
import org.plugboard.api.media.Side;
import org.plugboard.media.audio.G711;
import org.plugboard.media.audio.Goertzel;
import org.plugboard.media.audio.WavWriter;
import org.plugboard.media.relay.RelayConfig;
import org.plugboard.media.relay.RelayGateway;

/**
 * A real relay on 127.0.0.1 ports 41000-41099 with its terminated legs, and RTP peers on 41500-41999. After each
 * test every leg is closed and the pool must be whole again.
 */
abstract class EndpointFixture {
    static final RelayConfig CONFIG = RelayConfig.defaults().withPorts(41000, 41099).withBindAddress("127.0.0.1")
            .withThreads(2);

    @TempDir
    Path dir;
    RelayGateway relay;
    Endpoints endpoints;
    final List<RtpPeer> peers = new ArrayList<>();

    @BeforeEach
    void startEngine() {
        relay = new RelayGateway(CONFIG);
        endpoints = Endpoints.on(relay);
    }

    @AfterEach
    void everyPortIsBack() {
        peers.forEach(RtpPeer::close);
        try {
            endpoints.close();
            assertTrue(endpoints.list().isEmpty());
            PortUsage ports = relay.ports();
            assertEquals(ports.total(), ports.free(), "every port is back in the pool");
        } finally {
            relay.close();
        }
    }

    RtpPeer peer() throws Exception {
        RtpPeer p = RtpPeer.open();
        peers.add(p);
        return p;
    }

    /** A leg answering {@code peer}'s offer of {@code formats} (e.g. "8 101") at {@code ptime} (0: none). */
    MediaEndpoint leg(RtpPeer peer, String formats, int ptime) throws Exception {
        MediaEndpoint leg = endpoints.open("call-" + System.nanoTime(), Side.CALLER);
        String answer = leg.answer(peer.offer(formats, ptime), "127.0.0.1", "127.0.0.1");
        peer.engineRtpPort = port(answer);
        return leg;
    }

    static int port(String sdp) {
        Matcher m = Pattern.compile("(?m)^m=audio (\\d+) ").matcher(sdp);
        assertTrue(m.find(), sdp);
        return Integer.parseInt(m.group(1));
    }

    /** The stage's result, waiting for it (bounded): the effect, never a fixed sleep. */
    static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /**
     * Returns once the operations asked of {@code leg} so far have started on its event loop: a digit given by
     * signalling and collected goes through the same loop, after them.
     */
    static void started(MediaEndpoint leg) throws Exception {
        CompletionStage<org.plugboard.api.media.Digits> probe = leg.collect(new org.plugboard.api.media.DigitCollection(1,
                "", java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(5), true));
        leg.receivedDigit('0');
        assertEquals("0", await(probe).digits());
    }

    /** The cause a stage failed with. */
    static Throwable failure(CompletionStage<?> stage) throws Exception {
        try {
            stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the stage completed normally");
    }

    /** A WAV file of these samples in {@code encoding}. */
    Path wav(String name, AudioEncoding encoding, short[] samples) throws Exception {
        WavWriter w = WavWriter.create(dir.resolve(name), encoding);
        byte[] data = encoding == AudioEncoding.LINEAR16 ? Goertzel.littleEndian(samples) : new byte[samples.length];
        if (encoding != AudioEncoding.LINEAR16) {
            for (int i = 0; i < samples.length; i++) {
                data[i] = G711.encode(encoding, samples[i]);
            }
        }
        w.write(data, data.length);
        return w.finish();
    }

    /** The payloads of received packets, decoded from {@code law}, in order. */
    static short[] decode(List<RtpPeer.Packet> packets, AudioEncoding law) {
        int n = packets.stream().mapToInt(p -> p.payload().length).sum();
        short[] s = new short[n];
        int at = 0;
        for (RtpPeer.Packet p : packets) {
            for (byte b : p.payload()) {
                s[at++] = G711.decode(law, b);
            }
        }
        return s;
    }

    /** Sends {@code samples} as RTP of {@code law}, 20 ms per packet, without pacing (the recorder goes by timestamp). */
    static int sendAudio(RtpPeer peer, AudioEncoding law, short[] samples, int seq, long timestamp) throws Exception {
        for (int at = 0; at + 160 <= samples.length; at += 160) {
            byte[] payload = new byte[160];
            for (int i = 0; i < 160; i++) {
                payload[i] = G711.encode(law, samples[at + i]);
            }
            peer.rtp(law.payloadType(), at == 0, seq++, timestamp + at, 0x5EED, payload);
        }
        return seq;
    }
}
