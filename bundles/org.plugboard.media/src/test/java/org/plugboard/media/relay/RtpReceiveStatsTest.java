package org.plugboard.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RtpReceiveStatsTest {
    @Test
    void lossFromGapsAcrossTheSequenceWrap() {
        RtpReceiveStats s = new RtpReceiveStats();
        for (int seq : new int[] {65533, 65534, 0, 1, 4, 5}) { // 65535, 2, 3 missing
            s.sequence(7, seq);
        }
        assertEquals(3, s.lost());
    }

    @Test
    void duplicatesAndReorderingAreNotLoss() {
        RtpReceiveStats s = new RtpReceiveStats();
        for (int seq : new int[] {10, 12, 11, 12, 13}) {
            s.sequence(7, seq);
        }
        assertEquals(0, s.lost());
    }

    @Test
    void aNewSourceStartsOverAndKeepsEarlierLoss() {
        RtpReceiveStats s = new RtpReceiveStats();
        s.sequence(1, 100);
        s.sequence(1, 102);
        s.sequence(2, 5000);
        s.sequence(2, 5001);
        assertEquals(1, s.lost());
    }

    @Test
    void jitterIsZeroForEvenPacingAndGrowsWithVariation() {
        RtpReceiveStats even = new RtpReceiveStats();
        RtpReceiveStats uneven = new RtpReceiveStats();
        long nanos = 0;
        for (int i = 0; i < 50; i++) {
            even.timing(160L * i, 8000, i * 20_000_000L);
            nanos += i % 2 == 0 ? 10_000_000L : 30_000_000L; // 10 ms early, 10 ms late
            uneven.timing(160L * i, 8000, nanos);
        }
        assertEquals(0.0, even.jitterMillis(), 1e-9);
        assertTrue(uneven.jitterMillis() > 8 && uneven.jitterMillis() < 20, "jitter " + uneven.jitterMillis());
    }

    @Test
    void jitterSurvivesTheTimestampWrap() {
        RtpReceiveStats s = new RtpReceiveStats();
        long start = 0xFFFFFFFFL - 320;
        for (int i = 0; i < 10; i++) {
            s.timing((start + 160L * i) & 0xFFFFFFFFL, 8000, i * 20_000_000L);
        }
        assertEquals(0.0, s.jitterMillis(), 1e-9);
    }
}
