package org.plugboard.media.relay;

import java.io.IOException;
import java.net.DatagramPacket;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.plugboard.api.media.AudioEncoding;
import org.plugboard.media.audio.G711;

/**
 * A phone in a mix test: sends a sine (or silence), 20 ms of G.711 per {@link #talk}, and keeps what it hears
 * decoded. Rounds are paced by the mix itself: a test waits for one phone's packet (the mixer sends every 20 ms),
 * then every phone talks once and picks up what came ({@link #listen}); no sleeps.
 */
final class Talker {
    final Phone phone;
    final double hz;
    final int amplitude;
    final AudioEncoding law;
    final long ssrc;
    int relayPort;
    private int sequence = 100;
    private long timestamp = 5000;
    private int n;
    private short[] heard = new short[8000];
    private int heardCount;
    int packetsHeard;
    int lastPayloadType = -1;
    long lastSsrc = -1;

    Talker(Phone phone, double hz, int amplitude, AudioEncoding law, long ssrc) {
        this.phone = phone;
        this.hz = hz;
        this.amplitude = amplitude;
        this.law = law;
        this.ssrc = ssrc;
    }

    /** The next 20 ms of its tone to {@link #relayPort}. */
    void talk() throws IOException {
        talk(law.payloadType());
    }

    void talk(int payloadType) throws IOException {
        byte[] p = new byte[160];
        for (int i = 0; i < 160; i++, n++) {
            p[i] = G711.encode(law, (int) Math.round(amplitude * Math.sin(2 * Math.PI * hz * n / 8000)));
        }
        phone.rtp(relayPort, payloadType, sequence++, timestamp, ssrc, p);
        timestamp += 160;
    }

    /** Waits up to {@code timeoutMillis} for one packet and keeps it; false when none came. */
    boolean hear(int timeoutMillis) throws IOException {
        DatagramPacket p = phone.receive(timeoutMillis);
        if (p == null) {
            return false;
        }
        keep(Phone.data(p));
        return true;
    }

    /** Keeps whatever has arrived by now (waits at most a few ms per packet). */
    void listen() throws IOException {
        for (int i = 0; i < 20 && hear(2); i++) {
            // bounded: at most 20 packets per round
        }
    }

    private void keep(byte[] packet) {
        ByteBuffer b = ByteBuffer.wrap(packet);
        b.get();
        int pt = b.get() & 0x7f;
        b.getShort();
        b.getInt();
        lastSsrc = b.getInt() & 0xFFFFFFFFL;
        lastPayloadType = pt;
        packetsHeard++;
        if (pt != 0 && pt != 8) {
            return;
        }
        AudioEncoding l = pt == 0 ? AudioEncoding.PCMU : AudioEncoding.PCMA;
        if (heardCount + packet.length > heard.length) {
            heard = Arrays.copyOf(heard, heard.length * 2);
        }
        for (int i = 12; i < packet.length; i++) {
            heard[heardCount++] = G711.decode(l, packet[i]);
        }
    }

    /** Forgets what it heard so far (before a change the test looks at). */
    void forget() {
        heardCount = 0;
        packetsHeard = 0;
    }

    short[] heard() {
        return Arrays.copyOf(heard, heardCount);
    }

    /** Rounds paced by {@code clock}'s packets: everyone talks once per round and listens. */
    static void rounds(int count, Talker clock, Talker... all) throws IOException {
        for (int r = 0; r < count; r++) {
            if (!clock.hear(1000)) {
                throw new AssertionError("no packet from the mix for 1 s at " + clock.phone.port());
            }
            for (Talker t : all) {
                t.talk();
            }
            for (Talker t : all) {
                if (t != clock) {
                    t.listen();
                }
            }
        }
    }
}
