package org.plugboard.media.endpoint;

import java.net.InetAddress;
import java.util.Map;

import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaException.Kind;

/**
 * A terminated leg's offer/answer state: the peer's SDP (read, and its text, which the next version of the bundle
 * reads again), whether the engine's own offer waits for an answer, and the o= line's session id and version.
 * Loop-confined.
 */
final class LegSdp {
    private final String legId;
    private EndpointSdp.Peer peer;
    private String peerText;
    private boolean ownOfferPending;
    private long sessionId = System.currentTimeMillis();
    private long version;

    LegSdp(String legId) {
        this.legId = legId;
    }

    /** The peer's SDP now; null before it sent one. */
    EndpointSdp.Peer peer() {
        return peer;
    }

    /** The peer's offer, read keeping {@code law} while it is still offered. */
    EndpointSdp.Peer offered(String offer, AudioEncoding law) throws MediaException {
        EndpointSdp.Peer p = EndpointSdp.read(offer, law);
        peer = p;
        peerText = offer;
        ownOfferPending = false;
        return p;
    }

    /** The engine's answer to the peer's offer. */
    String answer(InetAddress advertised, int port) {
        return EndpointSdp.answer(peer, advertised, port, sessionId, ++version);
    }

    /** The engine's own offer; the peer's answer comes through {@link #answered}. */
    String offer(InetAddress advertised, int port) {
        ownOfferPending = true;
        return EndpointSdp.offer(advertised, port, sessionId, ++version);
    }

    EndpointSdp.Peer answered(String answer) throws MediaException {
        if (!ownOfferPending) {
            throw new MediaException(Kind.BAD_SDP, "an answer came but the engine made no offer on " + legId);
        }
        ownOfferPending = false;
        EndpointSdp.Peer p = EndpointSdp.read(answer, null);
        peer = p;
        peerText = answer;
        return p;
    }

    /** For the next version of the bundle: JDK values. */
    void save(Map<String, Object> m) {
        m.put("peerSdp", peerText);
        m.put("sdp", new long[] {sessionId, version, ownOfferPending ? 1 : 0});
    }

    /** What {@link #save} wrote; the peer's SDP read again keeping the law the leg negotiated. */
    void restore(Map<String, Object> m, AudioEncoding law) throws MediaException {
        peerText = (String) m.get("peerSdp");
        peer = peerText == null ? null : EndpointSdp.read(peerText, law);
        long[] s = (long[]) m.get("sdp");
        sessionId = s[0];
        version = s[1];
        ownOfferPending = s[2] != 0;
    }
}
