package org.plugboard.media.recording;

import java.util.Arrays;

/**
 * RTP sequence numbers of one direction: spots duplicates (the last {@value #REMEMBERED} numbers) and counts loss
 * (expected less received, per SSRC, summed over SSRC changes). Event loop only.
 */
final class Sequence {
    static final int REMEMBERED = 512;

    private final long[] seen = new long[REMEMBERED];
    private boolean started;
    private long ssrc;
    private long highest;
    private long first;
    private long received;
    private long lostBefore;

    Sequence() {
        Arrays.fill(seen, Long.MIN_VALUE);
    }

    /** False for a packet seen before. */
    boolean fresh(long packetSsrc, int seq) {
        if (!started || packetSsrc != ssrc) {
            lostBefore += lostNow();
            started = true;
            ssrc = packetSsrc;
            highest = seq;
            first = seq;
            received = 0;
            Arrays.fill(seen, Long.MIN_VALUE);
        }
        long ext = highest + (short) (seq - (int) (highest & 0xFFFF)); // signed 16-bit difference
        int slot = (int) Math.floorMod(ext, (long) REMEMBERED);
        if (seen[slot] == ext) {
            return false;
        }
        seen[slot] = ext;
        received++;
        highest = Math.max(highest, ext);
        first = Math.min(first, ext);
        return true;
    }

    long lost() {
        return lostBefore + lostNow();
    }

    private long lostNow() {
        return started ? Math.max(0, highest - first + 1 - received) : 0;
    }

    long[] save() {
        long[] s = new long[6 + REMEMBERED];
        s[0] = started ? 1 : 0;
        s[1] = ssrc;
        s[2] = highest;
        s[3] = first;
        s[4] = received;
        s[5] = lostBefore;
        System.arraycopy(seen, 0, s, 6, REMEMBERED);
        return s;
    }

    void restore(long[] s) {
        started = s[0] == 1;
        ssrc = s[1];
        highest = s[2];
        first = s[3];
        received = s[4];
        lostBefore = s[5];
        System.arraycopy(s, 6, seen, 0, REMEMBERED);
    }
}
