package org.plugboard.api.media;

/**
 * Counters of one side of one m-line. "In" is what the relay received from that side's peer, "out" what it sent
 * to it. Loss and jitter are computed from the RTP sequence numbers and timestamps of what came in (RFC 3550,
 * A.3 and A.8); an engine that does not compute them reports -1.
 *
 * @param index          the m-line's position in the SDP, from 0
 * @param media          audio, video, ...
 * @param localPort      the relay's RTP port for this side (0: refused)
 * @param remote         where RTP for this side goes: the latched source, else the SDP's address ("host:port")
 * @param latched        the stream has latched to the source of the peer's packets
 * @param dropped        packets dropped: from a stranger, truncated, not RTP, or while on hold
 * @param lastPacketMillis wall-clock time of the last packet in, 0 if none
 */
public record StreamStats(Side side, int index, String media, int localPort, String remote, boolean latched,
        long packetsIn, long bytesIn, long packetsOut, long bytesOut, long dropped, long lost, double jitterMillis,
        long lastPacketMillis) {
}
