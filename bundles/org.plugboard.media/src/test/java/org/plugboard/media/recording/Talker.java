package org.plugboard.media.recording;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.plugboard.api.media.Side;
import org.plugboard.media.audio.G711;

/**
 * One party of a scripted call for the tests: sends its {@link ToneWindows} as G.711 packets of the packet time it
 * is told, from wall position to wall position (samples from the start of the recording), arriving at the position
 * of their first sample plus some jitter. Pauses, loss, duplicates, reordering and SSRC changes are script steps.
 */
public final class Talker {
    /** A packet as it arrives: {@code at} in samples from the recording's start. */
    public record Packet(Side from, long atNanos, long ssrc, int seq, long timestamp, int pt, byte[] payload) {
    }

    private final Side side;
    private final double[] set;
    private final int[] codes;
    private final Random random;
    private final List<Packet> packets = new ArrayList<>();
    private long ssrc;
    private int seq;
    private long timestamp;
    private long position;
    private int pt;
    private int jitterMillis;
    private double loss;
    private int lost;
    private double slowness = 1;

    public Talker(Side side, double[] set, int[] codes, long seed) {
        this.side = side;
        this.set = set;
        this.codes = codes;
        this.random = new Random(seed);
        newSource();
    }

    /** Payload type 0 (u-law) or 8 (A-law). */
    public Talker law(int payloadType) {
        this.pt = payloadType;
        return this;
    }

    /** Each packet after the first arrives up to this late. */
    public Talker jitter(int millis) {
        this.jitterMillis = millis;
        return this;
    }

    /** A sample clock this much slower than the wall clock (1.005: 0.5 % slow): packets arrive later and later. */
    public Talker slowClock(double factor) {
        this.slowness = factor;
        return this;
    }

    /** Packets lost at random with this probability. */
    public Talker loss(double probability) {
        this.loss = probability;
        return this;
    }

    /** Sends from the current position up to {@code untilMillis} in packets of {@code ptimeMillis}. */
    public Talker talk(int untilMillis, int ptimeMillis) {
        long until = untilMillis * 8L;
        while (position < until) {
            int n = (int) Math.min(ptimeMillis * 8L, until - position);
            byte[] payload = new byte[n];
            for (int i = 0; i < n; i++) {
                short s = ToneWindows.sample(set, codes, position + i);
                payload[i] = pt == 8 ? G711.alaw(s) : G711.ulaw(s);
            }
            long jitter = packets.isEmpty() || jitterMillis == 0 ? 0 : random.nextInt(jitterMillis * 1000) * 1000L;
            Packet p = new Packet(side, Math.round(position * 125_000 * slowness) + jitter, ssrc, seq & 0xFFFF, timestamp & 0xFFFFFFFFL, pt, payload);
            if (!packets.isEmpty() && random.nextDouble() < loss) {
                lost++;
            } else {
                packets.add(p);
            }
            seq++;
            timestamp += n;
            position += n;
        }
        return this;
    }

    /** Sends nothing until {@code untilMillis}; the timestamp jumps by the pause (RFC 3551) or, if not, stays. */
    public Talker pause(int untilMillis, boolean timestampJumps) {
        long until = untilMillis * 8L;
        if (timestampJumps) {
            timestamp += until - position;
        }
        position = until;
        return this;
    }

    /** A comfort noise packet (payload type 13) at the current position; the timestamp does not move. */
    public Talker comfortNoise() {
        packets.add(new Packet(side, position * 125_000, ssrc, seq++ & 0xFFFF, timestamp & 0xFFFFFFFFL, 13, new byte[] {40}));
        return this;
    }

    /** A new SSRC with new sequence numbers and timestamps (a transfer, a re-INVITE to another device). */
    public Talker newSource() {
        ssrc = random.nextInt() & 0xFFFFFFFFL;
        seq = random.nextInt(65536);
        timestamp = random.nextInt() & 0xFFFFFFFFL;
        return this;
    }

    /** Every {@code nth} packet arrives twice. */
    public Talker duplicateEvery(int nth) {
        List<Packet> out = new ArrayList<>();
        for (int i = 0; i < packets.size(); i++) {
            out.add(packets.get(i));
            if (i % nth == nth - 1) {
                Packet p = packets.get(i);
                out.add(new Packet(p.from(), p.atNanos() + 5_000_000, p.ssrc(), p.seq(), p.timestamp(), p.pt(), p.payload()));
            }
        }
        packets.clear();
        packets.addAll(out);
        return this;
    }

    /** Every other packet is held up until just after the next one: each pair arrives the other way round. */
    public Talker swapPairs() {
        for (int i = 1; i + 1 < packets.size(); i += 2) {
            Packet a = packets.get(i);
            Packet b = packets.get(i + 1);
            packets.set(i, new Packet(a.from(), b.atNanos() + 1_000_000, a.ssrc(), a.seq(), a.timestamp(), a.pt(), a.payload()));
        }
        return this;
    }

    public List<Packet> packets() {
        return Collections.unmodifiableList(packets);
    }

    public int lost() {
        return lost;
    }

    public int sent() {
        return packets.size();
    }
}
