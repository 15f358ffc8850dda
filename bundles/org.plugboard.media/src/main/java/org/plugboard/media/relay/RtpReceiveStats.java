package org.plugboard.media.relay;

/**
 * Loss and jitter of the RTP one side sends, as RFC 3550 computes them: extended sequence numbers and
 * expected-minus-received loss (A.1, A.3), interarrival jitter (A.8). A new SSRC starts a new count; the loss of
 * earlier sources is kept. Confined to the session's event loop.
 */
final class RtpReceiveStats {
    private static final int SEQ_MOD = 1 << 16;
    private static final int MAX_DROPOUT = 3000;
    private static final int MAX_MISORDER = 100;

    private boolean initialized;
    private long ssrc;
    private int maxSeq;
    private long cycles;
    private long baseSeq;
    private int badSeq = SEQ_MOD + 1;
    private long received;
    private long lostBefore;

    private boolean timed;
    private long lastTimestamp;
    private long lastArrivalNanos;
    private double jitterSeconds;

    /** One packet's sequence number. */
    void sequence(long packetSsrc, int seq) {
        if (!initialized || packetSsrc != ssrc) {
            lostBefore += lostOfSource();
            ssrc = packetSsrc;
            initialized = true;
            timed = false;
            restart(seq);
            received = 1;
            return;
        }
        int delta = (seq - maxSeq) & (SEQ_MOD - 1);
        if (delta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = seq;
        } else if (delta <= SEQ_MOD - MAX_MISORDER) {
            if (seq == badSeq) {
                // Two packets in sequence after a big jump: the sender restarted, count from here.
                lostBefore += lostOfSource();
                restart(seq);
            } else {
                badSeq = (seq + 1) & (SEQ_MOD - 1);
                return;
            }
        }
        // else: duplicate or reordered packet, counted as received
        received++;
    }

    /** One packet's timing (A.8): media packets only, not telephone events, whose timestamp is the event start. */
    void timing(long timestamp, int clockRate, long arrivalNanos) {
        if (timed) {
            long sentDelta = (int) (timestamp - lastTimestamp); // signed 32-bit difference: wraps correctly
            double d = (arrivalNanos - lastArrivalNanos) / 1e9 - (double) sentDelta / clockRate;
            jitterSeconds += (Math.abs(d) - jitterSeconds) / 16;
        }
        timed = true;
        lastTimestamp = timestamp;
        lastArrivalNanos = arrivalNanos;
    }

    long lost() {
        return lostBefore + lostOfSource();
    }

    double jitterMillis() {
        return jitterSeconds * 1000;
    }

    private long lostOfSource() {
        if (!initialized) {
            return 0;
        }
        long expected = cycles + maxSeq - baseSeq + 1;
        return Math.max(0, expected - received);
    }

    /** Every field, for the next version of the bundle (plain longs: no class of this bundle crosses over). */
    long[] save() {
        return new long[] {initialized ? 1 : 0, ssrc, maxSeq, cycles, baseSeq, badSeq, received, lostBefore, timed ? 1 : 0,
            lastTimestamp, lastArrivalNanos, Double.doubleToLongBits(jitterSeconds)};
    }

    /** The counters {@link #save()} wrote, so loss and jitter go on where they were. */
    void restore(long[] v) {
        initialized = v[0] == 1;
        ssrc = v[1];
        maxSeq = (int) v[2];
        cycles = v[3];
        baseSeq = v[4];
        badSeq = (int) v[5];
        received = v[6];
        lostBefore = v[7];
        timed = v[8] == 1;
        lastTimestamp = v[9];
        lastArrivalNanos = v[10];
        jitterSeconds = Double.longBitsToDouble(v[11]);
    }

    private void restart(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = SEQ_MOD + 1;
        cycles = 0;
        received = 0;
    }
}
