package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.api.application.MediaApplication;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Outcome;
import org.plugboard.media.audio.G711;
import org.plugboard.media.audio.WavWriter;
import org.plugboard.media.internal.LocalMediaGateway;
import org.plugboard.media.internal.MediaConfig;

/**
 * A media application on the real in-process engine: the caller's phone is a UDP socket on 127.0.1.11 that gets
 * the prompt (decoded: a 1 kHz tone of the file's length) and sends two RFC 4733 digits the application collects;
 * then the application ends the call. Engine ports 41200-41299.
 */
class ApplicationEngineTest extends ScenarioTest {
    @TempDir
    Path dir;
    private final LocalMediaGateway local = new LocalMediaGateway(config(Map.of("port_min", 41200, "port_max", 41299,
            "bind_address", "127.0.0.1", "threads", 1)));

    @AfterEach
    void engineStops() {
        local.deactivate();
    }

    /** The engine's configuration: its defaults but for {@code values}. */
    static MediaConfig config(Map<String, Object> values) {
        return (MediaConfig) Proxy.newProxyInstance(MediaConfig.class.getClassLoader(), new Class<?>[] {MediaConfig.class},
                (proxy, method, args) -> method.getName().equals("annotationType") ? MediaConfig.class
                        : values.getOrDefault(method.getName(), method.getDefaultValue()));
    }

    @Test
    void thePromptReachesThePhoneAndItsDigitsReachTheApplication() throws Exception {
        Path prompt = tone(dir.resolve("tone.wav"), 1000, 400);
        CompletableFuture<String> collected = new CompletableFuture<>();
        connectTo(leg -> leg.play(prompt.toString(), true)
                .thenCompose(v -> leg.collect(2, "#", Duration.ofSeconds(5)))
                .thenApply(digits -> {
                    collected.complete(digits);
                    return Outcome.proceed();
                }));
        try (DatagramSocket phone = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.1.11"), 0))) {
            int enginePort = call(phone);
            short[] audio = receive(phone, 20);
            assertTrue(share(audio, 1000) > 0.9, "the prompt's 1 kHz tone reached the phone");

            InetSocketAddress engine = new InetSocketAddress(InetAddress.getLoopbackAddress(), enginePort);
            digit(phone, engine, 4, 1, 8000);
            digit(phone, engine, 2, 6, 9600);
            assertEquals("42", collected.get(5, TimeUnit.SECONDS));
        }
        endsCleanly();
    }

    @Test
    void playAllPlaysItsPromptsInTurnAndSaysWhetherADigitInterrupted() throws Exception {
        Path low = tone(dir.resolve("low.wav"), 1000, 200);
        Path high = tone(dir.resolve("high.wav"), 2000, 200);
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        connectTo(leg -> leg.playAll(List.of(low.toString(), high.toString()), true).thenApply(digit -> {
            interrupted.complete(digit);
            return Outcome.proceed();
        }));
        try (DatagramSocket phone = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.1.11"), 0))) {
            call(phone);
            short[] audio = receive(phone, 20);
            assertTrue(share(java.util.Arrays.copyOfRange(audio, 0, 1600), 1000) > 0.9, "first the 1 kHz prompt");
            assertTrue(share(java.util.Arrays.copyOfRange(audio, 1600, 3200), 2000) > 0.9, "then the 2 kHz prompt");
            assertEquals(false, interrupted.get(5, TimeUnit.SECONDS));
        }
        endsCleanly();
    }

    private void connectTo(MediaApplication application) {
        pbx.config.mediaEngine = "local";
        pbx.b2bua().addMediaGateway(local, Map.of(MediaGateway.ENGINE, "local"));
        pbx.b2bua().addService(r -> Outcome.connect("pin", Map.of()),
                Map.of(CallService.NAME, "pin", CallService.POINTS, new String[] {DetectionPoint.ROUTED.name()}));
        pbx.b2bua().addApplication(application, Map.of(MediaApplication.NAME, "pin"));
    }

    /** Alice calls from {@code phone}'s port, offering PCMA; returns the engine's RTP port. */
    private int call(DatagramSocket phone) throws Exception {
        TestServerRequest invite = alice.invite("1002", "v=0\r\no=alice 1 1 IN IP4 127.0.1.11\r\ns=-\r\n"
                + "c=IN IP4 127.0.1.11\r\nt=0 0\r\nm=audio " + phone.getLocalPort() + " RTP/AVP 8 101\r\n"
                + "a=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n");
        assertEquals(200, invite.finalStatus());
        Matcher m = Pattern.compile("m=audio (\\d+) RTP/AVP 8 101").matcher(Phone.body(invite.last()));
        assertTrue(m.find(), Phone.body(invite.last()));
        alice.ack(null);
        return Integer.parseInt(m.group(1));
    }

    /** The audio the phone receives until the engine falls silent: exactly {@code packets} PCMA packets. */
    private static short[] receive(DatagramSocket phone, int packets) throws Exception {
        List<byte[]> payloads = new ArrayList<>();
        phone.setSoTimeout(3000);
        while (true) {
            DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
            try {
                phone.receive(p);
            } catch (SocketTimeoutException e) {
                break;
            }
            assertEquals(8, p.getData()[1] & 0x7f, "PCMA, as offered");
            payloads.add(java.util.Arrays.copyOfRange(p.getData(), 12, p.getLength()));
            phone.setSoTimeout(300);
        }
        assertEquals(packets, payloads.size(), "20 ms packets");
        short[] audio = new short[packets * 160];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = G711.alawToLinear(payloads.get(i / 160)[i % 160]);
        }
        return audio;
    }

    /** The application's end closes the endpoint (off the strand), gives its ports back, and the CDR follows. */
    private void endsCleanly() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!local.endpoints().list().isEmpty() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // bounded wait for the effect: closed off the strand
        }
        assertTrue(local.endpoints().list().isEmpty(), "the endpoint closed");
        assertEquals(local.ports().total(), local.ports().free(), "its ports are back");
        wire.one("BYE", alice);
        assertEquals(CallTag.CALLEE_BYE, pbx.collected.cdr().tag());
    }

    /** An RFC 4733 digit: a start packet, then the end packet three times. */
    private static void digit(DatagramSocket phone, InetSocketAddress to, int event, int seq, long timestamp) throws Exception {
        for (int i = 0; i < 4; i++) {
            ByteBuffer b = ByteBuffer.allocate(16).put((byte) 0x80).put((byte) ((i == 0 ? 0x80 : 0) | 101))
                    .putShort((short) (seq + i)).putInt((int) timestamp).putInt(0xA11CE)
                    .put((byte) event).put((byte) (i == 0 ? 10 : 0x80 | 10)).putShort((short) 800);
            phone.send(new DatagramPacket(b.array(), 16, to));
        }
    }

    private static Path tone(Path file, double hz, int millis) throws Exception {
        byte[] data = new byte[millis * 8];
        for (int i = 0; i < data.length; i++) {
            data[i] = G711.encode(AudioEncoding.PCMU, (int) (8000 * Math.sin(2 * Math.PI * hz * i / 8000)));
        }
        WavWriter w = WavWriter.create(file, AudioEncoding.PCMU);
        w.write(data, data.length);
        assertTrue(Files.exists(w.finish()));
        return file;
    }

    /** Goertzel: the share of the block's energy at {@code hz}. */
    private static double share(short[] x, double hz) {
        double coeff = 2 * Math.cos(2 * Math.PI * hz / 8000);
        double s1 = 0;
        double s2 = 0;
        double energy = 0;
        for (short v : x) {
            double s = v + coeff * s1 - s2;
            s2 = s1;
            s1 = s;
            energy += (double) v * v;
        }
        return (s1 * s1 + s2 * s2 - coeff * s1 * s2) / (x.length * energy / 2);
    }
}
