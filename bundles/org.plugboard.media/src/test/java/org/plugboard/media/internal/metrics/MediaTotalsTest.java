package org.plugboard.media.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.plugboard.api.media.Side;
import org.plugboard.api.media.StreamStats;

class MediaTotalsTest {
    private static StreamStats stream(int port, long in, long out, long lost, double jitterMs) {
        return new StreamStats(Side.CALLER, 0, "audio", port, "192.0.2.9:4000", true, in, in * 172, out, out * 172, 1, lost,
                jitterMs, 0);
    }

    @Test
    void totalsKeepWhatEndedSessionsRelayed() {
        MediaTotals t = new MediaTotals();
        MediaTotals.Snapshot a = t.sample(Map.of("s1", List.of(stream(20000, 100, 90, 2, 10), stream(20002, 50, 60, 0, 30))), 1);
        assertEquals(150, a.packetsIn());
        assertEquals(150, a.packetsOut());
        assertEquals(2, a.lost());
        assertEquals(2, a.streams());
        assertEquals(0.02, a.jitterMeanSeconds(), 1e-9);
        assertEquals(0.03, a.jitterMaxSeconds(), 1e-9);
        // s1 ended; s2 started: s1's last figures stay in the totals
        MediaTotals.Snapshot b = t.sample(Map.of("s2", List.of(stream(20004, 10, 10, 1, 0), stream(0, 0, 0, -1, -1))), 2);
        assertEquals(160, b.packetsIn());
        assertEquals(160, b.packetsOut());
        assertEquals(3, b.lost());
        assertEquals(4, b.dropped()); // 1 per stream row: s1's two, s2's two
        assertEquals(1, b.streams());
        MediaTotals.Snapshot c = t.sample(Map.of(), 3);
        assertEquals(160, c.packetsIn());
        assertEquals(0, c.streams());
    }
}
