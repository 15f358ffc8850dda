package org.plugboard.media.mix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.plugboard.media.audio.G711;

/** Placement by RTP timestamp: reordering, loss, a new SSRC and a jump. */
class JitterBufferTest {
    private final JitterBuffer buffer = new JitterBuffer();
    private final short[] frame = new short[160];

    /** A packet of one constant level (u-law), so a frame shows which packet filled it. */
    private void put(long ssrc, long timestamp, int level) {
        byte[] p = new byte[160];
        java.util.Arrays.fill(p, G711.ulaw(level));
        buffer.put(ssrc, timestamp, 0, p, 160);
    }

    private int level() {
        buffer.take(frame);
        return frame[80];
    }

    private static int decoded(int level) {
        return G711.ulawToLinear(G711.ulaw(level));
    }

    @Test
    void playsFortyMillisecondsBehindAndPlacesByTimestamp() {
        put(1, 10_000, 1000);
        put(1, 10_320, 3000); // arrives before the packet it follows
        put(1, 10_160, 2000);
        assertEquals(0, level());
        assertEquals(0, level());
        assertEquals(decoded(1000), level());
        assertEquals(decoded(2000), level());
        assertEquals(decoded(3000), level());
    }

    @Test
    void aLostPacketIsSilenceNotOldAudio() {
        put(1, 0, 1000);
        put(1, 320, 3000);
        level();
        level();
        assertEquals(decoded(1000), level());
        assertEquals(0, level(), "the lost packet");
        assertEquals(decoded(3000), level());
        assertEquals(0, level(), "nothing left behind");
    }

    @Test
    void aNewSsrcOrABigJumpReanchors() {
        put(1, 0, 1000);
        level();
        put(2, 999_999, 2000);
        assertEquals(1, buffer.reanchors());
        level();
        level();
        assertEquals(decoded(2000), level());
        put(2, 999_999 + 8000 * 60, 3000); // a minute later in the stream
        assertEquals(2, buffer.reanchors());
        level();
        level();
        assertEquals(decoded(3000), level());
    }

    @Test
    void lateAgainAndAgainFollowsTheSenderNotDropsForever() {
        put(1, 100_000, 1000);
        for (int i = 0; i < 10; i++) {
            level();
        }
        // the sender restarts its clock a little back: late packets, then a re-anchor
        for (int i = 0; i < 8; i++) {
            put(1, 99_600 + i * 160, 2000);
        }
        assertEquals(5, buffer.late());
        assertEquals(1, buffer.reanchors());
        level();
        level();
        assertEquals(decoded(2000), level());
    }

    @Test
    void otherPayloadTypesAreIgnoredAndAnEmptyBufferIsSilence() {
        assertTrue(!buffer.take(frame));
        buffer.put(1, 0, 9, new byte[160], 160);
        assertTrue(!buffer.take(frame));
        assertArrayEquals(new short[160], frame);
    }
}
