package org.plugboard.media.ng.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.plugboard.api.media.Side;
import org.plugboard.api.media.StreamStats;

/**
 * Reads a {@code query} reply: per tag, per media, the RTP stream's local port, endpoint and counters. rtpengine
 * counts what each stream received ({@code stats}: packets, bytes, errors) and nothing else; a Plugboard node adds
 * the keys {@link #STATS_OUT}, {@link #LOST}, {@link #JITTER_US} and {@link #LAST_PACKET_MS}. What is absent reads
 * as -1.
 */
public final class QueryStats {
    /** Plugboard node extension: {packets, bytes} the relay sent to this side. */
    public static final String STATS_OUT = "stats-out";
    /** Plugboard node extension: packets lost (RFC 3550 A.3). */
    public static final String LOST = "lost";
    /** Plugboard node extension: interarrival jitter in microseconds (bencode has no fractions). */
    public static final String JITTER_US = "jitter-us";
    /** Plugboard node extension: wall-clock milliseconds of the last packet in (rtpengine gives seconds). */
    public static final String LAST_PACKET_MS = "last-packet-ms";

    private QueryStats() {
    }

    /** The counters of the two sides' streams, caller first, each in m-line order. Tags other than the two are ignored. */
    public static List<StreamStats> parse(NgDict reply, String callId) {
        List<StreamStats> result = new ArrayList<>();
        NgDict tags = reply.dict("tags");
        for (Side side : Side.values()) {
            NgDict tag = tags.dict(NgCommands.tag(callId, side));
            for (NgDict media : tag.dicts("medias")) {
                NgDict rtp = rtpStream(media.dicts("streams"));
                if (rtp != null) {
                    result.add(stream(side, media, rtp));
                }
            }
        }
        result.sort(Comparator.comparing(StreamStats::side).thenComparingInt(StreamStats::index));
        return result;
    }

    /** Packets in per side over all streams (what the inactivity poller watches). */
    public static Map<Side, Long> packetsIn(List<StreamStats> streams) {
        Map<Side, Long> packets = new EnumMap<>(Side.class);
        for (StreamStats s : streams) {
            packets.merge(s.side(), Math.max(0, s.packetsIn()), Long::sum);
        }
        return packets;
    }

    /** The first label of the two sides' tags (caller first), or null. */
    public static String label(NgDict reply, String callId) {
        for (Side side : Side.values()) {
            String label = reply.dict("tags").dict(NgCommands.tag(callId, side)).string(Ng.LABEL);
            if (label != null && !label.isEmpty()) {
                return label;
            }
        }
        return null;
    }

    /** True when the reply names the callee's tag with media: the session has been answered at least once. */
    public static boolean hasMedia(NgDict reply, String callId, Side side) {
        return !reply.dict("tags").dict(NgCommands.tag(callId, side)).dicts("medias").isEmpty();
    }

    private static NgDict rtpStream(List<NgDict> streams) {
        for (NgDict s : streams) {
            if (s.strings(Ng.FLAGS).contains("RTP")) {
                return s;
            }
        }
        // no flags: the first stream is RTP, the second RTCP (rtpengine's order)
        return streams.isEmpty() ? null : streams.get(0);
    }

    private static StreamStats stream(Side side, NgDict media, NgDict rtp) {
        NgDict in = rtp.dict("stats");
        NgDict out = rtp.dict(STATS_OUT);
        long packetsIn = in.number("packets", -1);
        long lastPacket = rtp.number(LAST_PACKET_MS, -1);
        if (lastPacket < 0) {
            long seconds = rtp.number("last packet", 0);
            // rtpengine sets "last packet" to the creation time until something arrives
            lastPacket = packetsIn > 0 ? seconds * 1000 : 0;
        }
        long jitterUs = rtp.number(JITTER_US, -1);
        return new StreamStats(side, (int) Math.max(0, media.number("index", 1) - 1), media.string("type"),
                (int) rtp.number("local port", 0), endpoint(rtp.dict("endpoint")),
                rtp.strings(Ng.FLAGS).contains("confirmed"), packetsIn, in.number("bytes", -1),
                out.number("packets", -1), out.number("bytes", -1), in.number("errors", -1), rtp.number(LOST, -1),
                jitterUs < 0 ? -1 : jitterUs / 1000.0, lastPacket);
    }

    private static String endpoint(NgDict endpoint) {
        String address = endpoint.string("address");
        long port = endpoint.number("port", -1);
        if (address == null || address.isEmpty() || port < 0) {
            return "";
        }
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }
}
