package org.plugboard.media.recording;

import java.util.HashMap;
import java.util.Map;

import org.plugboard.media.audio.Audio;

/**
 * The jitter buffer of one direction of a recorded call: decoded audio put at its timeline position ({@link Anchor})
 * by the event loop, taken out in order by the writer a fixed delay later. A ring of {@value #CAPACITY_SECONDS} s:
 * what is taken is cleared, so a position nobody filled (loss, a pause, comfort noise) is silence. The ring and the
 * counters are guarded by this object's monitor, held for copies only, never for I/O.
 */
final class Direction {
    static final int CAPACITY_SECONDS = 4;
    static final int CAPACITY = CAPACITY_SECONDS * Audio.RATE;
    /** Earlier arrivals than this (2 ms) do not move a settling anchor. */
    static final long SETTLE = Audio.RATE / 500;

    private final short[] ring = new short[CAPACITY];
    // all guarded by this
    private final Anchor anchor;
    private final Sequence sequence = new Sequence();
    private long readPos;
    private long packets;
    private long late;
    private long duplicates;
    private long overruns;
    /** The audio placed since the anchor was last set: [epochStart, epochEnd); never moved below epochFloor. */
    private long epochStart;
    private long epochEnd;
    private long epochFloor;

    Direction() {
        this.anchor = new Anchor();
    }

    /**
     * A packet: {@code samples} (null for comfort noise and other payloads: silence that only keeps the timing) of
     * length {@code n}, placed by its timestamp. Event loop.
     */
    void put(long ssrc, int seq, long timestamp, short[] samples, int n, long arrivalPos) {
        synchronized (this) {
            packets++;
            if (!sequence.fresh(ssrc, seq)) {
                duplicates++;
                return;
            }
            boolean anchored = anchor.anchored();
            long reanchors = anchor.reanchors();
            long previousEnd = anchor.end();
            long pos = anchor.place(ssrc, timestamp, Audio.RATE, arrivalPos, n, readPos);
            if (!anchored || anchor.reanchors() != reanchors) {
                epochFloor = anchored ? Math.max(readPos, Math.min(previousEnd, pos)) : readPos;
                epochStart = pos;
                epochEnd = pos;
            } else if (anchor.newest() && pos - arrivalPos > SETTLE && epochStart - (pos - arrivalPos)
                    >= Math.max(readPos, epochFloor)) {
                pos -= settle(pos - arrivalPos);
            }
            epochStart = Math.min(epochStart, pos);
            epochEnd = Math.max(epochEnd, pos + n);
            if (pos + n <= readPos) {
                late++;
                return;
            }
            int from = 0;
            if (pos < readPos) {
                late++; // partly written already: the rest still goes in
                from = (int) (readPos - pos);
            }
            int to = (int) Math.min(n, readPos + CAPACITY - pos);
            if (to < n) {
                overruns++;
            }
            if (samples == null) {
                return;
            }
            for (int i = from; i < to; i++) {
                ring[(int) Math.floorMod(pos + i, (long) CAPACITY)] = samples[i];
            }
        }
    }

    /**
     * A packet came earlier than its anchor says (the anchoring packet itself was delayed): while none of this anchor's
     * audio has been written, the anchor and that audio move back by the difference, so the direction keeps its
     * place beside the other one and nothing is lost. Returns the move.
     */
    private long settle(long early) {
        for (long p = epochStart; p < epochEnd; p++) {
            ring[(int) Math.floorMod(p - early, (long) CAPACITY)] = ring[(int) Math.floorMod(p, (long) CAPACITY)];
        }
        for (long p = Math.max(epochStart, epochEnd - early); p < epochEnd; p++) {
            ring[(int) Math.floorMod(p, (long) CAPACITY)] = 0;
        }
        anchor.shift(-early);
        epochStart -= early;
        epochEnd -= early;
        return early;
    }

    /** Takes {@code n} samples from the read position on into {@code into}, leaving silence behind. Writer. */
    synchronized void take(short[] into, int n) {
        for (int i = 0; i < n; i++) {
            int slot = (int) Math.floorMod(readPos + i, (long) CAPACITY);
            into[i] = ring[slot];
            ring[slot] = 0;
        }
        readPos += n;
    }

    /** One line of counters for the log. */
    synchronized String statsText() {
        return "packets " + packets + ", lost " + sequence.lost() + ", late " + late + ", duplicates " + duplicates
                + ", re-anchors " + anchor.reanchors() + (overruns > 0 ? ", too far ahead " + overruns : "");
    }

    synchronized long[] counters() {
        return new long[] {packets, sequence.lost(), late, duplicates, anchor.reanchors()};
    }

    /** The buffer and its anchor for the next version of the bundle (JDK values); taken after the tap is gone. */
    synchronized Map<String, Object> save() {
        Map<String, Object> m = new HashMap<>();
        m.put("ring", ring.clone());
        m.put("readPos", readPos);
        m.put("anchor", anchor.save());
        m.put("sequence", sequence.save());
        m.put("counters", new long[] {packets, late, duplicates, overruns, epochStart, epochEnd, epochFloor});
        return m;
    }

    synchronized void restore(Map<String, Object> m) {
        short[] saved = (short[]) m.get("ring");
        System.arraycopy(saved, 0, ring, 0, CAPACITY);
        readPos = (Long) m.get("readPos");
        anchor.restore((long[]) m.get("anchor"));
        sequence.restore((long[]) m.get("sequence"));
        long[] c = (long[]) m.get("counters");
        packets = c[0];
        late = c[1];
        duplicates = c[2];
        overruns = c[3];
        epochStart = c[4];
        epochEnd = c[5];
        epochFloor = c[6];
    }
}
