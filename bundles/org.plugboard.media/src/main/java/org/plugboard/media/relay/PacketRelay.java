package org.plugboard.media.relay;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.plugboard.api.media.DtmfEvent;
import org.plugboard.api.media.MediaListener;
import org.plugboard.api.media.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;

/**
 * The packet path of one session, run on its event loop only: check, latch, count, spot DTMF, forward out of the
 * other side's socket. Also the session's inactivity clock.
 */
final class PacketRelay {
    private static final Logger LOG = LoggerFactory.getLogger(PacketRelay.class);

    private enum Kind { RTP, RTCP, OTHER, BAD }

    private final RelaySession session;
    private final boolean latchAnyAddress;
    private final long relatchNanos;
    /** hold() per side. */
    private final boolean[] heldByApi = new boolean[2];
    /** Inactivity clock: armed once an answer is in. */
    private boolean armed;
    private long lastActivityNanos;
    private boolean inactiveReported;

    PacketRelay(RelaySession session, RelayConfig config) {
        this.session = session;
        this.latchAnyAddress = config.latchAnyAddress();
        this.relatchNanos = TimeUnit.MILLISECONDS.toNanos(config.relatchAfterMillis());
    }

    String sessionId() {
        return session.id();
    }

    void receive(Endpoint from, boolean onRtcpPort, DatagramPacket packet) {
        ByteBuf buf = packet.content();
        InetSocketAddress source = packet.sender();
        int length = buf.readableBytes();
        if (!from.active) {
            drop(from, "the stream is not open", source);
            return;
        }
        Stream stream = from.stream;
        if (heldByApi[from.side.ordinal()]) {
            drop(from, "its side is on hold", source);
            return;
        }
        Kind kind = classify(stream, buf, onRtcpPort);
        if (kind == Kind.BAD) {
            drop(from, "not RTP/RTCP or truncated (" + length + " bytes)", source);
            return;
        }
        long now = System.nanoTime();
        if (!admit(from, onRtcpPort ? from.rtcpLatch : from.rtpLatch, source, now)) {
            drop(from, "a stranger (latched to " + latchedText(from, onRtcpPort) + ")", source);
            return;
        }
        from.packetsIn++;
        from.bytesIn += length;
        from.lastPacketMillis = System.currentTimeMillis();
        lastActivityNanos = now;
        inactiveReported = false;
        if (kind == Kind.RTP) {
            inspect(from, stream, buf, now);
        }
        Endpoint to = stream.other(from);
        if (to == null || to.peer == null || !to.active || heldByApi[to.side.ordinal()]) {
            drop(from, to == null || to.peer == null ? "the other side has no SDP yet" : "the other side is on hold", source);
            return;
        }
        boolean rtcp = onRtcpPort || kind == Kind.RTCP;
        InetSocketAddress destination = rtcp ? to.rtcpDestination(stream.mux) : to.rtpDestination();
        Channel out = rtcp && !stream.mux ? to.rtcp : to.rtp;
        if (destination == null) {
            drop(from, "the other side's SDP has no address (0.0.0.0) and it has sent nothing", source);
            return;
        }
        out.writeAndFlush(new DatagramPacket(buf.retain(), destination), out.voidPromise());
        to.packetsOut++;
        to.bytesOut += length;
    }

    private static Kind classify(Stream stream, ByteBuf buf, boolean onRtcpPort) {
        int length = buf.readableBytes();
        if (length == 0) {
            return Kind.BAD;
        }
        if (stream.udptl || (stream.dtls && Rtp.dtls(buf))) {
            return Kind.OTHER;
        }
        if (onRtcpPort) {
            return length >= 8 && Rtp.version(buf) == 2 ? Kind.RTCP : Kind.BAD;
        }
        if (length >= 8 && Rtp.version(buf) == 2 && Rtp.rtcpOnRtpPort(buf)) {
            return Kind.RTCP; // a receiver report alone is 8 bytes, shorter than an RTP header
        }
        if (length < Rtp.HEADER || Rtp.version(buf) != 2) {
            return Kind.BAD;
        }
        return Rtp.payloadOffset(buf) < 0 ? Kind.BAD : Kind.RTP;
    }

    /** Symmetric latching with the anti-hijack rule: only the SDP's or the signalling IP may latch or re-latch. */
    private boolean admit(Endpoint from, Latch latch, InetSocketAddress source, long now) {
        if (source.getPort() == 0) {
            return false; // forged (raw sockets can send it): nothing can be sent back to port 0
        }
        if (latch.source != null) {
            if (latch.source.equals(source)) {
                latch.lastNanos = now;
                return true;
            }
            if (now - latch.lastNanos < relatchNanos || !from.mayLatch(source.getAddress(), latchAnyAddress)) {
                return false;
            }
            LOG.debug("Session {} {} m-line {}: re-latched from {} to {} after silence", session.id(), from.side,
                    from.stream.index, latch.source, source);
        } else if (!from.mayLatch(source.getAddress(), latchAnyAddress)) {
            return false;
        }
        latch.source = source;
        latch.lastNanos = now;
        return true;
    }

    /** Loss, jitter and RFC 4733 events of a media packet. */
    private void inspect(Endpoint from, Stream stream, ByteBuf buf, long now) {
        int pt = Rtp.payloadType(buf);
        long timestamp = Rtp.timestamp(buf);
        from.receive.sequence(Rtp.ssrc(buf), Rtp.sequence(buf));
        MediaSection peer = from.peer;
        boolean telephoneEvent = peer != null && pt == peer.telephoneEventPt();
        if (!telephoneEvent) {
            from.receive.timing(timestamp, from.clockRate(pt), now);
            return;
        }
        int offset = Rtp.payloadOffset(buf);
        if (stream.secure || Rtp.payloadLength(buf, offset) < 4) {
            return;
        }
        int start = buf.readerIndex() + offset;
        boolean end = (buf.getUnsignedByte(start + 1) & 0x80) != 0;
        if (end && timestamp != from.lastDtmfTimestamp) {
            from.lastDtmfTimestamp = timestamp;
            int clock = Math.max(1, from.clockRate(pt));
            int durationMillis = (int) (buf.getUnsignedShort(start + 2) * 1000L / clock);
            DtmfEvent event = new DtmfEvent(from.side, DtmfEvent.digitOf(buf.getUnsignedByte(start)), durationMillis);
            MediaListener listener = session.listenerNow();
            if (listener != null) {
                try {
                    listener.dtmf(session, event);
                } catch (RuntimeException e) {
                    LOG.warn("Session {}: the listener failed on DTMF {}", session.id(), event, e);
                }
            }
        }
    }

    private void drop(Endpoint from, String why, InetSocketAddress source) {
        from.dropped++;
        if (LOG.isDebugEnabled()) {
            LOG.debug("Session {} {} port {}: dropped a packet from {}: {}", session.id(), from.side, from.rtpPort,
                    source, why);
        }
    }

    private static String latchedText(Endpoint from, boolean onRtcpPort) {
        Latch latch = onRtcpPort ? from.rtcpLatch : from.rtpLatch;
        return latch.source == null ? "nobody; its IP is neither the SDP's nor the signalling one" : latch.source.toString();
    }

    void hold(Side side, boolean held) {
        heldByApi[side.ordinal()] = held;
        if (!held) {
            lastActivityNanos = System.nanoTime();
            inactiveReported = false;
        }
    }

    boolean held(Side side) {
        return heldByApi[side.ordinal()];
    }

    /** Media is up: an answer was applied. The clock starts now, not at the call's first ringing. */
    void arm() {
        if (!armed) {
            armed = true;
            lastActivityNanos = System.nanoTime();
        }
    }

    /** Hold flags and the inactivity clock for the next version (nanoTime values stay valid in the same JVM). */
    Map<String, Object> save() {
        Map<String, Object> m = new HashMap<>();
        m.put("heldCaller", heldByApi[0]);
        m.put("heldCallee", heldByApi[1]);
        m.put("armed", armed);
        m.put("lastActivityNanos", lastActivityNanos);
        m.put("inactiveReported", inactiveReported);
        return m;
    }

    void restore(Map<String, Object> m) {
        heldByApi[0] = (Boolean) m.get("heldCaller");
        heldByApi[1] = (Boolean) m.get("heldCallee");
        armed = (Boolean) m.get("armed");
        lastActivityNanos = (Long) m.get("lastActivityNanos");
        inactiveReported = (Boolean) m.get("inactiveReported");
    }

    /** Periodic check: nothing from anyone for the timeout and nothing held: report once. */
    void checkInactivity(long timeoutNanos, boolean anyHeldBySdp) {
        long now = System.nanoTime();
        if (!armed || inactiveReported) {
            return;
        }
        if (anyHeldBySdp || heldByApi[0] || heldByApi[1]) {
            lastActivityNanos = now; // the timer does not run during hold; it restarts afterwards
            return;
        }
        long idle = now - lastActivityNanos;
        if (idle >= timeoutNanos) {
            inactiveReported = true;
            MediaListener listener = session.listenerNow();
            LOG.info("Session {} (call {}): no media for {} ms", session.id(), session.callId(), idle / 1_000_000);
            if (listener != null) {
                try {
                    listener.inactive(session, TimeUnit.NANOSECONDS.toMillis(idle));
                } catch (RuntimeException e) {
                    LOG.warn("Session {}: the listener failed on inactivity", session.id(), e);
                }
            }
        }
    }
}
