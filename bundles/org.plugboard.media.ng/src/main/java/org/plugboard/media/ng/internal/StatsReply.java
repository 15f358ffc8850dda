package org.plugboard.media.ng.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.plugboard.api.media.Side;
import org.plugboard.api.media.StreamStats;

/**
 * A {@code query} reply in rtpengine's shape (tags, medias, streams, stats, totals), so {@link QueryStats} reads a
 * node and rtpengine alike, plus the node's extra counters under the keys {@link QueryStats} names. A value the
 * local engine does not know (-1) is left out rather than sent as -1.
 */
final class StatsReply {
    private StatsReply() {
    }

    static Map<String, Object> of(ServedCall call, List<StreamStats> streams) {
        Map<String, Object> tags = new LinkedHashMap<>();
        long rtpPackets = 0;
        long rtpBytes = 0;
        long rtpErrors = 0;
        for (Side side : Side.values()) {
            String tag = call.tag(side);
            if (tag == null) {
                continue;
            }
            List<Object> medias = new ArrayList<>();
            for (StreamStats s : streams) {
                if (s.side() == side) {
                    medias.add(media(s, call.createdSeconds));
                    rtpPackets += Math.max(0, s.packetsIn());
                    rtpBytes += Math.max(0, s.bytesIn());
                    rtpErrors += Math.max(0, s.dropped());
                }
            }
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("tag", tag);
            t.put("created", call.createdSeconds);
            String label = call.label(side);
            if (label != null) {
                t.put(Ng.LABEL, label);
            }
            String other = call.tag(side.other());
            if (other != null) {
                t.put("in dialogue with", other);
            }
            t.put("medias", medias);
            tags.put(tag, t);
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put(Ng.RESULT, Ng.OK);
        reply.put("created", call.createdSeconds);
        reply.put("last signal", call.lastSignalSeconds);
        reply.put("tags", tags);
        reply.put("totals", Map.of("RTP", counters(rtpPackets, rtpBytes, rtpErrors), "RTCP", counters(0, 0, 0)));
        return reply;
    }

    private static Map<String, Object> media(StreamStats s, long createdSeconds) {
        Map<String, Object> stream = new LinkedHashMap<>();
        stream.put("local port", (long) s.localPort());
        Map<String, Object> endpoint = endpoint(s.remote());
        if (endpoint != null) {
            stream.put("endpoint", endpoint);
        }
        stream.put(Ng.FLAGS, s.latched() ? List.of("RTP", "confirmed") : List.of("RTP"));
        stream.put("last packet", s.lastPacketMillis() > 0 ? s.lastPacketMillis() / 1000 : createdSeconds);
        Map<String, Object> in = new LinkedHashMap<>();
        putKnown(in, "packets", s.packetsIn());
        putKnown(in, "bytes", s.bytesIn());
        putKnown(in, "errors", s.dropped());
        stream.put("stats", in);
        Map<String, Object> out = new LinkedHashMap<>();
        putKnown(out, "packets", s.packetsOut());
        putKnown(out, "bytes", s.bytesOut());
        stream.put(QueryStats.STATS_OUT, out);
        putKnown(stream, QueryStats.LOST, s.lost());
        if (s.jitterMillis() >= 0) {
            stream.put(QueryStats.JITTER_US, Math.round(s.jitterMillis() * 1000));
        }
        if (s.lastPacketMillis() > 0) {
            stream.put(QueryStats.LAST_PACKET_MS, s.lastPacketMillis());
        }
        Map<String, Object> media = new LinkedHashMap<>();
        media.put("index", (long) s.index() + 1);
        media.put("type", s.media() == null ? "" : s.media());
        media.put(Ng.FLAGS, List.of("initialized"));
        media.put("streams", List.of(stream));
        return media;
    }

    /** "host:port" or "[v6]:port" to {family, address, port}; null if it does not parse. */
    static Map<String, Object> endpoint(String remote) {
        if (remote == null) {
            return null;
        }
        int colon = remote.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        String host = remote.substring(0, colon);
        long port;
        try {
            port = Long.parseLong(remote.substring(colon + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        boolean v6 = host.startsWith("[");
        if (v6) {
            host = host.substring(1, host.length() - 1);
        }
        return Map.of("family", v6 || host.contains(":") ? "IPv6" : "IPv4", "address", host, "port", port);
    }

    private static Map<String, Object> counters(long packets, long bytes, long errors) {
        return Map.of("packets", packets, "bytes", bytes, "errors", errors);
    }

    private static void putKnown(Map<String, Object> map, String key, long value) {
        if (value >= 0) {
            map.put(key, value);
        }
    }
}
