package org.plugboard.itests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The audio end of a SIPp caller (the SDP's m=audio port is this socket): records the PCMU the PBX sends, answers to
 * the address it comes from (symmetric RTP), sends a PCMU tone and RFC 4733 digits (payload type 101). A Goertzel
 * filter finds how long a tone was heard, in what it received or in a WAV file.
 */
final class RtpPhone implements AutoCloseable {
    private final DatagramSocket socket;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final Thread receiver;
    private volatile SocketAddress peer;
    private int seq = 1;
    private long timestamp = 1000;
    private final int ssrc = 0x5eed1234;

    RtpPhone(int port) throws IOException {
        socket = new DatagramSocket(port, InetAddress.getByName("127.0.0.1"));
        socket.setSoTimeout(200);
        receiver = new Thread(this::receive, "itest-rtp-" + port);
        receiver.setDaemon(true);
        receiver.start();
    }

    private void receive() {
        byte[] buf = new byte[2048];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                if (p.getLength() > 12 && (buf[1] & 0x7f) == 0) {
                    peer = p.getSocketAddress();
                    synchronized (received) {
                        received.write(buf, 12, p.getLength() - 12);
                    }
                }
            } catch (IOException e) {
                // timeout (poll for close) or closed
            }
        }
    }

    /**
     * Sends to the relay's {@code port} on 127.0.0.1 (from the SDP the PBX sent) until audio from the PBX names its
     * own address: in a relayed call neither party hears anything before one of them talks.
     */
    void sendTo(int relayPort) {
        if (peer == null) {
            peer = new java.net.InetSocketAddress("127.0.0.1", relayPort);
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Waits until the PBX's audio arrives (the call is answered and the engine plays). */
    void awaitAudio(long millis) throws InterruptedException {
        PbxTestSupport.waitFor("audio from the PBX", millis, () -> peer != null);
    }

    double secondsHeard() {
        synchronized (received) {
            return received.size() / 8000.0;
        }
    }

    /** The longest stretch, in seconds, of {@code hz} in what was received. */
    double toneHeard(double hz) {
        byte[] ulaw;
        synchronized (received) {
            ulaw = received.toByteArray();
        }
        short[] pcm = new short[ulaw.length];
        for (int i = 0; i < ulaw.length; i++) {
            pcm[i] = ulaw2linear(ulaw[i]);
        }
        return longestTone(pcm, hz);
    }

    /** How many samples were received so far: a mark to analyse only what came after it ({@link #samplesSince}). */
    int mark() {
        synchronized (received) {
            return received.size();
        }
    }

    /** What was received after {@code mark}, as 16-bit samples. */
    short[] samplesSince(int mark) {
        byte[] ulaw;
        synchronized (received) {
            ulaw = received.toByteArray();
        }
        short[] pcm = new short[Math.max(0, ulaw.length - mark)];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = ulaw2linear(ulaw[mark + i]);
        }
        return pcm;
    }

    /**
     * Seconds of 20 ms frames in which {@code hz} carries at least {@code share} of the energy: unlike
     * {@link #longestTone}, finds a tone among others (a conference's mix of two voices gives each about half).
     */
    static double secondsWith(short[] pcm, double hz, double share) {
        int frames = 0;
        for (int f = 0; f + 160 <= pcm.length; f += 160) {
            frames += shareOf(pcm, f, hz) >= share ? 1 : 0;
        }
        return frames * 0.02;
    }

    /** The first 20 ms frame (its index) in which {@code hz} carries at least {@code share} of the energy, or -1. */
    static int firstFrameWith(short[] pcm, double hz, double share) {
        for (int f = 0; f + 160 <= pcm.length; f += 160) {
            if (shareOf(pcm, f, hz) >= share) {
                return f / 160;
            }
        }
        return -1;
    }

    /** Goertzel power at {@code hz} against the frame's energy: about 1 for a pure tone, 0 for silence. */
    private static double shareOf(short[] pcm, int from, double hz) {
        double coeff = 2 * Math.cos(2 * Math.PI * hz / 8000);
        double s1 = 0;
        double s2 = 0;
        double total = 0;
        for (int i = from; i < from + 160; i++) {
            double s = pcm[i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s;
            total += (double) pcm[i] * pcm[i];
        }
        if (total <= 160 * 100.0 * 100.0) {
            return 0;
        }
        return (s1 * s1 + s2 * s2 - coeff * s1 * s2) / (total * 80);
    }

    /**
     * Each phone sends its tone for {@code millis}, all at once (a conference, a barge-in); returns what each heard
     * meanwhile, once at least {@code minSeconds} of it arrived.
     */
    static short[][] talkAtOnce(RtpPhone[] phones, double[] tones, long millis, double minSeconds) throws Exception {
        int[] marks = new int[phones.length];
        for (int i = 0; i < phones.length; i++) {
            marks[i] = phones[i].mark();
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(phones.length);
        try {
            java.util.List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < phones.length; i++) {
                int n = i;
                sent.add(pool.submit(() -> {
                    phones[n].sendTone(tones[n], millis);
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : sent) {
                f.get(millis + 20_000, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        short[][] heard = new short[phones.length][];
        for (int i = 0; i < phones.length; i++) {
            RtpPhone p = phones[i];
            int mark = marks[i];
            PbxTestSupport.waitFor(minSeconds + " s of audio at " + p.port(), 10_000,
                    () -> p.samplesSince(mark).length >= minSeconds * 8000);
            heard[i] = p.samplesSince(mark);
        }
        return heard;
    }

    /** Sends {@code millis} of a sine tone as PCMU, paced at 20 ms. */
    void sendTone(double hz, long millis) throws IOException, InterruptedException {
        long start = System.nanoTime();
        int n = 0;
        for (long at = 0; at < millis; at += 20) {
            byte[] payload = new byte[160];
            for (int i = 0; i < 160; i++) {
                payload[i] = linear2ulaw((int) (10000 * Math.sin(2 * Math.PI * hz * (n + i) / 8000)));
            }
            n += 160;
            send(0, false, payload);
            timestamp += 160;
            pace(start, at + 20);
        }
    }

    /** Sends to this relay port from now on: for a party that talks before it hears anything. */
    void peer(int relayPort) {
        peer = new java.net.InetSocketAddress("127.0.0.1", relayPort);
    }

    /**
     * Sends {@code millis} of a sine tone of {@code amplitude} as PCMU in packets of {@code ptime} ms, paced in real
     * time; a packet whose index {@code lost} accepts is not sent (lost on the way), its sequence number and
     * timestamp counted all the same. The phase follows the timestamp, so the tone is continuous across calls.
     */
    void sendTone(double hz, int amplitude, long millis, int ptime, java.util.function.IntPredicate lost)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        int samples = ptime * 8;
        int index = 0;
        for (long at = 0; at < millis; at += ptime, index++) {
            byte[] payload = new byte[samples];
            for (int i = 0; i < samples; i++) {
                payload[i] = linear2ulaw((int) (amplitude * Math.sin(2 * Math.PI * hz * (timestamp + i) / 8000)));
            }
            if (lost.test(index)) {
                seq++;
            } else {
                send(0, false, payload);
            }
            timestamp += samples;
            pace(start, at + ptime);
        }
    }

    /** Sends nothing for {@code millis} (silence suppression, a pause): the timestamp goes on. */
    void pause(long millis) throws InterruptedException {
        long start = System.nanoTime();
        timestamp += millis * 8;
        pace(start, millis);
    }

    /** RFC 4733: each digit as three updates and three end packets, one timestamp per digit, 100 ms apart. */
    void sendDigits(String digits) throws IOException, InterruptedException {
        for (char c : digits.toCharArray()) {
            int event = c == '*' ? 10 : c == '#' ? 11 : c - '0';
            long start = System.nanoTime();
            for (int i = 1; i <= 6; i++) {
                boolean end = i > 3;
                int duration = end ? 800 : 160 * i;
                byte[] p = {(byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration};
                send(101, i == 1, p);
                pace(start, i * 20L);
            }
            timestamp += 800;
            Thread.sleep(100);
        }
    }

    private void send(int pt, boolean marker, byte[] payload) throws IOException {
        SocketAddress to = peer;
        if (to == null) {
            throw new IllegalStateException("no audio from the PBX yet: nowhere to send");
        }
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        b.put((byte) 0x80).put((byte) ((marker ? 0x80 : 0) | pt)).putShort((short) seq++).putInt((int) timestamp).putInt(ssrc)
                .put(payload);
        socket.send(new DatagramPacket(b.array(), b.capacity(), to));
    }

    private static void pace(long start, long millis) throws InterruptedException {
        long wait = start + millis * 1_000_000 - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    @Override
    public void close() {
        socket.close();
    }

    // ---- analysis ----

    /** A WAV file's audio as 16-bit samples: PCM 16, A-law (6) or u-law (7), 8000 Hz mono. */
    static short[] wavSamples(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int format = 0;
        int pos = 12;
        while (pos + 8 <= b.capacity()) {
            int id = b.getInt(pos);
            int size = b.getInt(pos + 4);
            if (id == 0x20746d66) {
                format = b.getShort(pos + 8);
            } else if (id == 0x61746164) {
                int n = Math.min(size, b.capacity() - pos - 8);
                short[] out = new short[format == 1 ? n / 2 : n];
                for (int i = 0; i < out.length; i++) {
                    out[i] = format == 1 ? b.getShort(pos + 8 + 2 * i)
                            : format == 6 ? alaw2linear(b.get(pos + 8 + i)) : ulaw2linear(b.get(pos + 8 + i));
                }
                return out;
            }
            pos += 8 + size + (size & 1);
        }
        throw new IOException("no data chunk in " + file);
    }

    /** Longest run of 20 ms frames whose energy is mostly at {@code hz} (Goertzel against total energy), in seconds. */
    static double longestTone(short[] pcm, double hz) {
        double coeff = 2 * Math.cos(2 * Math.PI * hz / 8000);
        int best = 0;
        int run = 0;
        for (int f = 0; f + 160 <= pcm.length; f += 160) {
            double s1 = 0;
            double s2 = 0;
            double total = 0;
            for (int i = f; i < f + 160; i++) {
                double s = pcm[i] + coeff * s1 - s2;
                s2 = s1;
                s1 = s;
                total += (double) pcm[i] * pcm[i];
            }
            double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
            // a pure tone of N samples has Goertzel power N/2 times its energy
            boolean tone = total > 160 * 100.0 * 100.0 && power / (total * 80) > 0.7;
            run = tone ? run + 1 : 0;
            best = Math.max(best, run);
        }
        return best * 0.02;
    }

    static short ulaw2linear(byte u) {
        int x = ~u & 0xff;
        int t = ((x & 0x0f) << 3) + 0x84;
        t <<= (x & 0x70) >> 4;
        return (short) ((x & 0x80) != 0 ? 0x84 - t : t - 0x84);
    }

    static short alaw2linear(byte a) {
        int x = (a ^ 0x55) & 0xff;
        int t = (x & 0x0f) << 4;
        int seg = (x & 0x70) >> 4;
        t = seg == 0 ? t + 8 : seg == 1 ? t + 0x108 : (t + 0x108) << (seg - 1);
        return (short) ((x & 0x80) != 0 ? t : -t);
    }

    static byte linear2ulaw(int pcm) {
        int sign = pcm < 0 ? 0x80 : 0;
        int v = Math.min(Math.abs(pcm), 32635) + 0x84;
        int exp = 7;
        for (int mask = 0x4000; (v & mask) == 0 && exp > 0; mask >>= 1) {
            exp--;
        }
        int mant = (v >> (exp + 3)) & 0x0f;
        return (byte) ~(sign | (exp << 4) | mant);
    }
}
