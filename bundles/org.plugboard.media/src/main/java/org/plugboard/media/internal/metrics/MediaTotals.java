package org.plugboard.media.internal.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.plugboard.api.media.StreamStats;

/**
 * Turns per-session stream figures, sampled now and then, into totals that never go down: a session's last sample is
 * kept when it ends and added to what finished sessions carried. Plain code, fed by one sampler thread.
 */
final class MediaTotals {
    /** Immutable: what a scrape reads. */
    record Snapshot(long packetsIn, long packetsOut, long bytesIn, long bytesOut, long dropped, long lost, int streams,
            double jitterMeanSeconds, double jitterMaxSeconds, long sampledAtMillis) {
        static final Snapshot NONE = new Snapshot(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Sums of one session's streams. */
    private record Sums(long packetsIn, long packetsOut, long bytesIn, long bytesOut, long dropped, long lost) {
        static final Sums ZERO = new Sums(0, 0, 0, 0, 0, 0);

        Sums plus(Sums o) {
            return new Sums(packetsIn + o.packetsIn, packetsOut + o.packetsOut, bytesIn + o.bytesIn, bytesOut + o.bytesOut,
                    dropped + o.dropped, lost + o.lost);
        }
    }

    private Map<String, Sums> live = new HashMap<>();
    private Sums finished = Sums.ZERO;

    /** One sample: every live session's streams by session id. */
    Snapshot sample(Map<String, List<StreamStats>> sessions, long nowMillis) {
        Map<String, Sums> next = new HashMap<>();
        Sums total = Sums.ZERO;
        int streams = 0;
        double jitterSum = 0;
        double jitterMax = 0;
        for (Map.Entry<String, List<StreamStats>> e : sessions.entrySet()) {
            Sums s = Sums.ZERO;
            for (StreamStats st : e.getValue()) {
                s = s.plus(new Sums(st.packetsIn(), st.packetsOut(), st.bytesIn(), st.bytesOut(), st.dropped(), Math.max(0, st.lost())));
                if (st.localPort() != 0) {
                    streams++;
                    double j = Math.max(0, st.jitterMillis()) / 1000.0;
                    jitterSum += j;
                    jitterMax = Math.max(jitterMax, j);
                }
            }
            next.put(e.getKey(), s);
            total = total.plus(s);
        }
        for (Map.Entry<String, Sums> old : live.entrySet()) {
            if (!next.containsKey(old.getKey())) {
                finished = finished.plus(old.getValue());
            }
        }
        live = next;
        Sums all = finished.plus(total);
        return new Snapshot(all.packetsIn, all.packetsOut, all.bytesIn, all.bytesOut, all.dropped, all.lost, streams,
                streams == 0 ? 0 : jitterSum / streams, jitterMax, nowMillis);
    }
}
