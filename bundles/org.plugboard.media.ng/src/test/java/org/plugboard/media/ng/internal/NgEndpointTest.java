package org.plugboard.media.ng.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.DigitCollection;
import org.plugboard.api.media.Digits;
import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaFileException;
import org.plugboard.api.media.Playback;
import org.plugboard.api.media.Recording;
import org.plugboard.api.media.Side;
import org.plugboard.media.audio.G711;
import org.plugboard.media.internal.LocalMediaGateway;
import org.plugboard.media.internal.MediaConfig;
import org.plugboard.media.relay.RelayConfig;
import org.plugboard.media.relay.RelayGateway;

/**
 * A leg terminated on a media node: {@code NgMediaGateway} -> {@code NgServer} -> the real in-process engine
 * ({@code LocalMediaGateway}). The phone is a UDP socket: it hears the prompt (sox finds its 1 kHz), sends RFC 4733
 * digits the collection returns, and a 1 kHz tone the node records into a WAV (sox finds it there). Ports: ng
 * 43210-43211, engine media 43300-43399, phone 43251.
 */
class NgEndpointTest {
    static final String NODE = "127.0.0.1:43210";
    @TempDir
    Path dir;
    private LocalMediaGateway engine;
    private NgServer server;
    private NgMediaGateway gateway;

    @BeforeEach
    void nodeAndClient() {
        engine = new LocalMediaGateway((MediaConfig) Proxy.newProxyInstance(MediaConfig.class.getClassLoader(),
                new Class<?>[] {MediaConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "port_min" -> 43300;
                    case "port_max" -> 43399;
                    case "bind_address" -> "127.0.0.1";
                    case "threads" -> 1;
                    case "annotationType" -> MediaConfig.class;
                    default -> method.getDefaultValue();
                }));
        server = new NgServer(NODE, engine, 2, 30);
        gateway = new NgMediaGateway("node1", NODE, 500, 2, 1, 0);
    }

    @AfterEach
    void stop() {
        gateway.deactivate();
        server.deactivate();
        engine.deactivate();
    }

    @Test
    void thePromptReachesThePhoneItsDigitsAreCollectedAndItsToneIsRecordedOnTheNode() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sox")), "sox is installed");
        Eventually.until("the node's pong says it terminates legs", 3000, gateway::terminatesLegs);
        MediaEndpoint leg = gateway.endpoint("call-1", Side.CALLER);
        try (RtpPeer phone = new RtpPeer(43251, 0xCAFE)) {
            String answer = leg.answerAsync(offer(phone.port()), "127.0.0.1", "127.0.0.1").toCompletableFuture().get(5, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("m=audio (\\d+) RTP/AVP 0").matcher(answer);
            assertTrue(m.find(), answer);
            int node = Integer.parseInt(m.group(1));
            assertEquals(AudioEncoding.PCMU, leg.encoding(), "the codec came back with the answer");

            Path prompt = dir.resolve("prompt.wav");
            sox("-n", "-r", "8000", "-c", "1", "-e", "u-law", prompt.toString(), "synth", "0.4", "sine", "1000");
            CompletableFuture<Playback> played = leg.play(prompt, "").toCompletableFuture();
            byte[] heard = payloads(phone, played);
            assertEquals(Playback.Ending.COMPLETED, played.get(5, TimeUnit.SECONDS).ending(), "the node's event completed it");
            assertTrue(heard.length >= 3000, "about 400 ms of audio: " + heard.length + " bytes");
            Path raw = Files.write(dir.resolve("heard.ul"), heard);
            assertEquals(1000, frequency("-t", "ul", "-r", "8000", "-c", "1", raw.toString()), 60, "the prompt's tone");

            CompletableFuture<Digits> digits = leg.collect(new DigitCollection(2, "#", Duration.ofSeconds(5), Duration.ofSeconds(3),
                    false)).toCompletableFuture();
            digit(phone, node, 4, 100, 16000);
            digit(phone, node, 2, 110, 17600);
            assertEquals("42", digits.get(5, TimeUnit.SECONDS).digits());

            Path file = dir.resolve("message.wav");
            CompletableFuture<Recording> recording = leg.record(file, new Recording.Options(Duration.ofSeconds(10), "#", null))
                    .toCompletableFuture();
            for (int i = 0; i < 40; i++) { // 800 ms of 1 kHz, paced as a phone sends it
                phone.socket.send(packet(node, 200 + i, 20000 + i * 160, tone(i)));
                Thread.sleep(20); // pacing: a packet every 20 ms, as a phone sends
            }
            digit(phone, node, 11, 300, 30000);
            Recording done = recording.get(5, TimeUnit.SECONDS);
            assertEquals(Recording.Ending.DIGIT, done.ending());
            assertEquals(file, done.file());
            assertTrue(Files.size(file) > 4000, "the node wrote the WAV");
            assertEquals(1000, frequency(file.toString()), 60, "the recorded tone");

            ExecutionException missing = assertThrows(ExecutionException.class,
                    () -> leg.play(dir.resolve("missing.wav"), "").toCompletableFuture().get(5, TimeUnit.SECONDS));
            assertInstanceOf(MediaFileException.class, missing.getCause());
            assertTrue(missing.getCause().getMessage().contains("missing.wav"), missing.getCause().getMessage());

            CompletableFuture<Digits> waiting = leg.collect(DigitCollection.of(4)).toCompletableFuture();
            leg.close();
            ExecutionException closed = assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS));
            assertEquals(MediaException.Kind.NO_SESSION, ((MediaException) closed.getCause()).kind());
            Eventually.until("the node closed its endpoint", 3000, () -> server.liveEndpoints() == 0);
            Eventually.until("its ports are back", 3000, () -> engine.ports().free() == engine.ports().total());
        }
    }

    @Test
    void theBlockingSdpStepsAndARefusedOfferKeepNothingOnTheNode() throws Exception {
        Eventually.until("pong", 3000, gateway::terminatesLegs);
        MediaEndpoint leg = gateway.endpoint("call-2", Side.CALLER);
        MediaException refused = assertThrows(MediaException.class, () -> leg.answer("v=0\r\nm=video 4000 RTP/AVP 96\r\n",
                "127.0.0.1", "127.0.0.1"));
        assertTrue(refused.getMessage().contains("endpoint answer"), refused.getMessage());
        assertEquals(0, server.liveEndpoints(), "a failed first answer leaves no endpoint");
        MediaEndpoint late = gateway.endpoint("call-3", Side.CALLER);
        assertTrue(late.offer("127.0.0.1").contains("telephone-event"));
        late.answered(offer(43252), "127.0.0.1");
        assertEquals(1, server.liveEndpoints());
        late.close();
        Eventually.until("closed", 3000, () -> server.liveEndpoints() == 0);
    }

    @Test
    void anEndpointItsClientForgotIsClosedByTheNodeAndATouchedOneIsKept() throws Exception {
        Eventually.until("pong", 3000, gateway::terminatesLegs);
        MediaEndpoint leg = gateway.endpoint("call-4", Side.CALLER);
        leg.answer(offer(43252), "127.0.0.1", "127.0.0.1");
        assertEquals(0, server.closeIdleEndpoints(System.nanoTime()), "just used");
        CompletableFuture<Digits> waiting = leg.collect(DigitCollection.of(4)).toCompletableFuture();
        assertEquals(1, server.closeIdleEndpoints(System.nanoTime() + TimeUnit.SECONDS.toNanos(61)), "a minute untouched");
        assertEquals(0, server.liveEndpoints());
        ExecutionException gone = assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS),
                "the client's next poll (1 s) learns the node dropped it");
        assertEquals(MediaException.Kind.NO_SESSION, ((MediaException) gone.getCause()).kind(), gone.getCause().getMessage());
        Eventually.until("its ports are back", 3000, () -> engine.ports().free() == engine.ports().total());
    }

    @Test
    void aNodeWhoseEngineOnlyRelaysDoesNotOfferEndpoints() throws Exception {
        gateway.deactivate();
        server.deactivate();
        try (RelayGateway relay = new RelayGateway(RelayConfig.defaults().withPorts(43400, 43449).withBindAddress("127.0.0.1")
                .withThreads(1))) {
            server = new NgServer("127.0.0.1:43211", relay, 1, 30);
            gateway = new NgMediaGateway("relay", "127.0.0.1:43211", 500, 2, 1, 0);
            assertTrue(gateway.ping());
            assertFalse(gateway.terminatesLegs());
            MediaException e = assertThrows(MediaException.class, () -> gateway.endpoint("c", Side.CALLER));
            assertTrue(e.getMessage().contains("cannot play, record or collect digits"), e.getMessage());
            NgDict reply = gateway.transport().call(Map.of(Ng.COMMAND, EndpointWire.PLAY, EndpointWire.ENDPOINT_ID, "x",
                    EndpointWire.OP, 1L, EndpointWire.FILE, "/x.wav"));
            assertEquals(Ng.ERROR, reply.string(Ng.RESULT));
        }
    }

    private static String offer(int port) {
        return "v=0\r\no=phone 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " + port
                + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n";
    }

    /** The payloads the phone hears until the prompt's stage completes and the engine falls silent. */
    private static byte[] payloads(RtpPeer phone, CompletableFuture<?> until) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int silent = 0; silent < 3 && out.size() < 80_000;) {
            byte[] p = phone.receive(200);
            if (p == null) {
                silent += until.isDone() ? 1 : 0;
            } else if ((p[1] & 0x7f) == 0) {
                out.write(p, 12, p.length - 12);
            }
        }
        return out.toByteArray();
    }

    private static byte[] tone(int frame) {
        byte[] b = new byte[160];
        for (int i = 0; i < b.length; i++) {
            b[i] = G711.encode(AudioEncoding.PCMU, (int) (8000 * Math.sin(2 * Math.PI * 1000 * (frame * 160 + i) / 8000.0)));
        }
        return b;
    }

    private static DatagramPacket packet(int port, int seq, int timestamp, byte[] payload) throws Exception {
        return packet(port, 0, seq, timestamp, payload);
    }

    private static DatagramPacket packet(int port, int type, int seq, int timestamp, byte[] payload) throws Exception {
        byte[] b = ByteBuffer.allocate(12 + payload.length).put((byte) 0x80).put((byte) type).putShort((short) seq)
                .putInt(timestamp).putInt(0xCAFE).put(payload).array();
        return new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), port);
    }

    /** RFC 4733: event {@code event} begins (marker), then ends, its end sent three times as the RFC asks. */
    private static void digit(RtpPeer phone, int port, int event, int seq, int timestamp) throws Exception {
        phone.socket.send(packet(port, 0x80 | 101, seq, timestamp, new byte[] {(byte) event, 10, 0, (byte) 160}));
        for (int i = 1; i <= 3; i++) {
            phone.socket.send(packet(port, 101, seq + i, timestamp, new byte[] {(byte) event, (byte) 0x8a, 3, 32}));
        }
    }

    private static void sox(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "sox";
        System.arraycopy(args, 0, command, 1, args.length);
        run(command);
    }

    /** sox's "Rough frequency" of a file (its stat effect). */
    private static double frequency(String... input) throws Exception {
        String[] args = Arrays.copyOf(input, input.length + 2);
        args[input.length] = "-n";
        args[input.length + 1] = "stat";
        String[] command = new String[args.length + 1];
        command[0] = "sox";
        System.arraycopy(args, 0, command, 1, args.length);
        Matcher m = Pattern.compile("Rough\\s+frequency:\\s+(\\d+)").matcher(run(command));
        assertTrue(m.find(), "sox stat gives a frequency");
        return Double.parseDouble(m.group(1));
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + out);
        return out;
    }
}
