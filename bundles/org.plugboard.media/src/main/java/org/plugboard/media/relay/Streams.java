package org.plugboard.media.relay;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.Side;
import org.plugboard.api.media.StreamStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.util.concurrent.Future;

/**
 * The m-lines of one session and the offer/answer that shapes them: which lines get a port pair per side, which
 * give theirs back, each side's SDP, and the SDP each side is sent. Port pairs are bound by the caller before
 * anything here changes, so a failure to get ports leaves this table as it was. Confined to the session's event
 * loop.
 */
final class Streams {
    private static final Logger LOG = LoggerFactory.getLogger(Streams.class);

    private final String sessionId;
    private final List<Stream> streams = new ArrayList<>();
    private Sdp lastOffer;
    private Side lastOfferFrom;

    Streams(String sessionId) {
        this.sessionId = sessionId;
    }

    /** The first relayed audio line, or null: the one recorders and mixes see. */
    Stream firstAudio() {
        for (Stream s : streams) {
            if (s.relayed() && "audio".equals(s.media)) {
                return s;
            }
        }
        return null;
    }

    /** The m-lines of an offer that need a new port pair per side: relayable, and not relayed yet. */
    List<Integer> needingPorts(Sdp offer) {
        List<Integer> needed = new ArrayList<>();
        for (MediaSection m : offer.media()) {
            if (m.relayable() && (m.index() >= streams.size() || !streams.get(m.index()).relayed())) {
                needed.add(m.index());
            }
        }
        return needed;
    }

    /**
     * Applies an offer: the lines in {@code needed} get the pair at the same position of {@code pairs} (caller
     * side, callee side), a line the offer disables gives its ports back, and so do lines past the offer's last.
     * Returns the offer for the other side, with the relay's address and the ports of that side's pairs.
     */
    String offer(Side from, Sdp offer, InetAddress signallingIp, InetAddress advertised, List<Integer> needed,
            List<Endpoint[]> pairs) {
        int count = offer.media().size();
        int[] rtp = new int[count];
        int[] rtcp = new int[count];
        for (MediaSection m : offer.media()) {
            while (streams.size() <= m.index()) {
                streams.add(new Stream(streams.size()));
            }
            Stream stream = streams.get(m.index());
            int n = needed.indexOf(m.index());
            if (n >= 0) {
                install(stream, pairs.get(n));
            } else if (!m.relayable() && stream.relayed()) {
                close(stream); // a re-offer disables the line: its ports go back
            }
            stream.transport(m);
            stream.offeredMux = m.relayable() && m.rtcpMux();
            if (stream.relayed()) {
                stream.endpoint(from).peer(m, signallingIp);
                Endpoint receiver = stream.endpoint(from.other());
                rtp[m.index()] = receiver.rtpPort;
                rtcp[m.index()] = receiver.rtcpPort();
            }
        }
        while (streams.size() > count) {
            close(streams.remove(streams.size() - 1));
        }
        lastOffer = offer;
        lastOfferFrom = from;
        return SdpRewriter.rewrite(offer, advertised, rtp, rtcp);
    }

    /**
     * Applies an answer to the last offer (there may be several: 18x and 200, forks). A line the answer refuses
     * gives its ports back. Returns the answer for the offerer; BAD_SDP when it answers nothing or the wrong side.
     */
    String answer(Side from, Sdp answer, InetAddress signallingIp, InetAddress advertised) throws MediaException {
        if (lastOffer == null) {
            throw Sdp.bad("an answer from the " + from + " side, but no offer was made");
        }
        if (lastOfferFrom == from) {
            throw Sdp.bad("an answer from the " + from + " side, which made the offer");
        }
        int count = answer.media().size();
        if (count > lastOffer.media().size()) {
            throw Sdp.bad("the answer has " + count + " m-lines, the offer " + lastOffer.media().size());
        }
        int[] rtp = new int[count];
        int[] rtcp = new int[count];
        for (int i = 0; i < lastOffer.media().size(); i++) {
            Stream stream = streams.get(i);
            MediaSection m = i < count ? answer.media().get(i) : null;
            if (stream.relayed() && m != null && m.relayable()) {
                stream.mux = stream.offeredMux && m.rtcpMux();
                stream.endpoint(from).peer(m, signallingIp);
                Endpoint receiver = stream.endpoint(from.other());
                rtp[i] = receiver.rtpPort;
                rtcp[i] = receiver.rtcpPort();
            } else if (stream.relayed()) {
                LOG.debug("Session {}: m-line {} ({}) refused by the answer", sessionId, i, stream.media);
                close(stream);
            }
        }
        return SdpRewriter.rewrite(answer, advertised, rtp, rtcp);
    }

    boolean anyRelayed() {
        return streams.stream().anyMatch(Stream::relayed);
    }

    /** Any relayed line held by either side's SDP: the inactivity timer does not run. */
    boolean anyHeldBySdp() {
        for (Stream s : streams) {
            if (s.relayed() && s.heldBySdp()) {
                return true;
            }
        }
        return false;
    }

    /** Closes every line's sockets; the futures complete when the ports are back in their pool. */
    List<Future<Void>> closeAll() {
        List<Future<Void>> closing = new ArrayList<>();
        for (Stream s : streams) {
            closing.addAll(close(s));
        }
        return closing;
    }

    /** One row per side and line, caller side first; a refused line or a closed side reports zeros. */
    List<StreamStats> stats() {
        List<StreamStats> stats = new ArrayList<>();
        for (Side side : Side.values()) {
            for (Stream s : streams) {
                Endpoint e = s.endpoint(side);
                if (e == null || !e.active) {
                    stats.add(new StreamStats(side, s.index, s.media, 0, "", false, 0, 0, 0, 0, 0, 0, 0, 0));
                } else {
                    stats.add(new StreamStats(side, s.index, s.media, e.rtpPort, e.remote(), e.rtpLatch.source != null,
                            e.packetsIn, e.bytesIn, e.packetsOut, e.bytesOut, e.dropped,
                            s.udptl ? -1 : e.receive.lost(), s.udptl ? -1 : e.receive.jitterMillis(), e.lastPacketMillis));
                }
            }
        }
        return stats;
    }

    /** For the log: {@code audio caller 20000/20001 callee 20002/20003, video refused}, or {@code none}. */
    String portsText() {
        StringBuilder b = new StringBuilder();
        for (Stream s : streams) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(s.media.isEmpty() ? "m" + s.index : s.media).append(' ');
            if (s.relayed()) {
                b.append("caller ").append(s.caller.rtpPort).append('/').append(s.caller.rtcpPort())
                        .append(" callee ").append(s.callee.rtpPort).append('/').append(s.callee.rtcpPort());
            } else {
                b.append("refused");
            }
        }
        return b.length() == 0 ? "none" : b.toString();
    }

    // ---- bundle update ----

    /** Packets wait in the socket buffers from now on, until the next version reads them. */
    void pauseReading() {
        for (Stream s : streams) {
            for (Endpoint e : new Endpoint[] {s.caller, s.callee}) {
                if (e != null) {
                    e.pauseReading();
                }
            }
        }
    }

    /** Writes the lines and the last offer into a session's hand-over state (keys {@code streams}, {@code lastOffer*}). */
    void save(Map<String, Object> state) {
        List<Map<String, Object>> saved = new ArrayList<>();
        for (Stream s : streams) {
            saved.add(HandoverState.stream(s));
        }
        state.put("streams", saved);
        state.put("lastOffer", lastOffer == null ? null : lastOffer.toString());
        state.put("lastOfferFrom", lastOfferFrom);
    }

    /**
     * Takes over the lines a previous version saved: {@code claim} gives each pair the pool it counts in, and each
     * socket gets {@code relay}'s handler and reads again.
     */
    @SuppressWarnings("unchecked")
    void restore(Map<String, Object> state, IntFunction<PortPool> claim, PacketRelay relay) throws MediaException {
        String offer = (String) state.get("lastOffer");
        lastOffer = offer == null ? null : Sdp.parse(offer);
        lastOfferFrom = (Side) state.get("lastOfferFrom");
        for (Map<String, Object> saved : (List<Map<String, Object>>) state.get("streams")) {
            Stream s = HandoverState.stream(saved, claim);
            streams.add(s);
            for (Endpoint e : new Endpoint[] {s.caller, s.callee}) {
                if (e != null) {
                    e.resumeReading(relay);
                }
            }
        }
    }

    private static void install(Stream stream, Endpoint[] pair) {
        stream.caller = pair[0];
        stream.callee = pair[1];
        for (Endpoint e : pair) {
            e.stream = stream;
            e.active = true;
        }
    }

    /** Gives the line's ports back; the line stays, refused (port 0), until a re-offer enables it again. */
    private static List<Future<Void>> close(Stream stream) {
        List<Future<Void>> closing = new ArrayList<>(2);
        if (stream.caller != null) {
            closing.add(stream.caller.close());
        }
        if (stream.callee != null) {
            closing.add(stream.callee.close());
        }
        stream.caller = null;
        stream.callee = null;
        return closing;
    }
}
