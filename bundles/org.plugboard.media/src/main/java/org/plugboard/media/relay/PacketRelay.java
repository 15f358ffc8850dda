package org.plugboard.media.relay;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * The packet path of one session, run on its event loop only: check ({@link PacketKind}), latch ({@link Latching}),
 * count, spot DTMF ({@link TelephoneEvents}), forward out of the other side's socket. Also the session's hold
 * flags and its {@link InactivityClock}.
 */
final class PacketRelay {
    private static final Logger LOG = LoggerFactory.getLogger(PacketRelay.class);

    private final RelaySession session;
    private final Latching latching;
    /** hold() per side. */
    private final boolean[] heldByApi = new boolean[2];
    private final InactivityClock clock = new InactivityClock();
    /** Recorders and mixes looking at the audio; event loop only. */
    private final List<MediaTap> taps = new ArrayList<>(1);

    PacketRelay(RelaySession session, RelayConfig config) {
        this.session = session;
        this.latching = new Latching(session.id(), config);
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
        PacketKind kind = PacketKind.of(stream, buf, onRtcpPort);
        if (kind == PacketKind.BAD) {
            drop(from, "not RTP/RTCP or truncated (" + length + " bytes)", source);
            return;
        }
        long now = System.nanoTime();
        if (!latching.admit(from, onRtcpPort ? from.rtcpLatch : from.rtpLatch, source, now)) {
            drop(from, "a stranger (latched to " + latchedText(from, onRtcpPort) + ")", source);
            return;
        }
        from.packetsIn++;
        from.bytesIn += length;
        from.lastPacketMillis = System.currentTimeMillis();
        clock.activity(now);
        if (kind == PacketKind.RTP && inspect(from, stream, buf, now) && !taps.isEmpty() && !tapsLet(from, stream, buf, now)) {
            return;
        }
        Endpoint to = stream.other(from);
        if (to == null || to.peer == null || !to.active || heldByApi[to.side.ordinal()]) {
            drop(from, to == null || to.peer == null ? "the other side has no SDP yet" : "the other side is on hold", source);
            return;
        }
        boolean rtcp = onRtcpPort || kind == PacketKind.RTCP;
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

    /** Hands audio to the taps: false when one took the packet (it is not relayed). */
    private boolean tapsLet(Endpoint from, Stream stream, ByteBuf buf, long now) {
        if (stream.secure || !"audio".equals(stream.media) || stream != session.firstAudio()) {
            return true;
        }
        boolean relay = true;
        for (int i = 0; i < taps.size(); i++) {
            MediaTap tap = taps.get(i);
            try {
                relay &= tap.rtp(from.side, buf, now);
            } catch (RuntimeException e) {
                LOG.warn("Session {}: a media tap failed and is removed", session.id(), e);
                taps.remove(i--);
            }
        }
        return relay;
    }

    void addTap(MediaTap tap) {
        taps.add(tap);
    }

    boolean removeTap(MediaTap tap) {
        return taps.remove(tap);
    }

    /** The session ends here (released or handed over): every tap is told and removed. */
    void detachTaps(boolean released) {
        for (MediaTap tap : List.copyOf(taps)) {
            try {
                tap.detached(released);
            } catch (RuntimeException e) {
                LOG.warn("Session {}: a media tap failed on detach", session.id(), e);
            }
        }
        taps.clear();
    }

    /** Loss and jitter of a media packet, or the RFC 4733 event it ends: true for media, false for an event. */
    private boolean inspect(Endpoint from, Stream stream, ByteBuf buf, long now) {
        int pt = Rtp.payloadType(buf);
        long timestamp = Rtp.timestamp(buf);
        from.receive.sequence(Rtp.ssrc(buf), Rtp.sequence(buf));
        MediaSection peer = from.peer;
        boolean telephoneEvent = peer != null && pt == peer.telephoneEventPt();
        if (!telephoneEvent) {
            from.receive.timing(timestamp, from.clockRate(pt), now);
            return true;
        }
        DtmfEvent event = TelephoneEvents.ended(from, stream.secure, buf, pt, timestamp);
        if (event == null) {
            return false;
        }
        MediaListener listener = session.listenerNow();
        if (listener != null) {
            try {
                listener.dtmf(session, event);
            } catch (RuntimeException e) {
                LOG.warn("Session {}: the listener failed on DTMF {}", session.id(), event, e);
            }
        }
        return false;
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

    boolean held(Side side) {
        return heldByApi[side.ordinal()];
    }

    void hold(Side side, boolean held) {
        heldByApi[side.ordinal()] = held;
        if (!held) {
            clock.activity(System.nanoTime());
        }
    }

    /** Media is up: an answer was applied. The inactivity clock starts now, not at the call's first ringing. */
    void arm() {
        clock.arm(System.nanoTime());
    }

    /** Hold flags and the inactivity clock for the next version. */
    Map<String, Object> save() {
        Map<String, Object> m = new HashMap<>();
        m.put("heldCaller", heldByApi[0]);
        m.put("heldCallee", heldByApi[1]);
        clock.save(m);
        return m;
    }

    void restore(Map<String, Object> m) {
        heldByApi[0] = (Boolean) m.get("heldCaller");
        heldByApi[1] = (Boolean) m.get("heldCallee");
        clock.restore(m);
    }

    /** Periodic check: nothing from anyone for the timeout and nothing held: report once. */
    void checkInactivity(long timeoutNanos, boolean anyHeldBySdp) {
        long idle = clock.check(System.nanoTime(), timeoutNanos, anyHeldBySdp || heldByApi[0] || heldByApi[1]);
        if (idle < 0) {
            return;
        }
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
