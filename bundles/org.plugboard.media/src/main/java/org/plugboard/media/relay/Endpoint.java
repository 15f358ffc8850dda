package org.plugboard.media.relay;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

import org.plugboard.api.media.Side;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;

/**
 * One side of one m-line: the relay's port pair that side's peer was told about, what its SDP says, its latches
 * and counters. The peer sends here and the relay sends to it from here, so the peer sees symmetric RTP. Every
 * field but the ports and channels is confined to the session's event loop.
 */
final class Endpoint {
    final Side side;
    final int rtpPort;
    private final PortPool pool;
    Channel rtp;
    Channel rtcp;

    /** Installed in its stream and open: packets are relayed. */
    boolean active;
    Stream stream;
    /** The peer's SDP for this m-line; null until that side sent one. */
    MediaSection peer;
    /** The IP its offer or answer came from (signalling), which may latch too. */
    InetAddress signalling;
    private InetSocketAddress sdpRtp;
    private InetSocketAddress sdpRtcp;

    final Latch rtpLatch = new Latch();
    final Latch rtcpLatch = new Latch();
    final RtpReceiveStats receive = new RtpReceiveStats();
    long lastDtmfTimestamp = -1;
    /** The clock rate of the last payload type seen, for the SDP it came from: no map lookup per packet. */
    private MediaSection clockSection;
    private int clockPayloadType = -1;
    private int clockRate;

    long packetsIn;
    long bytesIn;
    long packetsOut;
    long bytesOut;
    long dropped;
    long lastPacketMillis;
    private Future<Void> closing;

    Endpoint(Side side, PortPool pool, int rtpPort) {
        this.side = side;
        this.pool = pool;
        this.rtpPort = rtpPort;
    }

    /** Clock rate of a payload type in this side's SDP (8000 when unknown or without an SDP). Packet path only. */
    int clockRate(int payloadType) {
        MediaSection section = peer;
        if (section != clockSection || payloadType != clockPayloadType || section == null) {
            clockSection = section;
            clockPayloadType = payloadType;
            clockRate = section == null ? 8000 : section.clockRate(payloadType);
        }
        return clockRate;
    }

    /** The last media payload type seen (through {@link #clockRate}), -1 before any. */
    int lastPayloadType() {
        return clockPayloadType;
    }

    int rtcpPort() {
        return rtpPort + 1;
    }

    /** A new SDP from this side. A changed address or port is a new peer: the latches start over. */
    void peer(MediaSection section, InetAddress from) {
        boolean moved = peer == null || !Objects.equals(peer.address(), section.address()) || peer.port() != section.port()
                || peer.rtcpPort() != section.rtcpPort() || !Objects.equals(signalling, from);
        peer = section;
        signalling = from;
        sdpRtp = section.address() == null ? null : new InetSocketAddress(section.address(), section.port());
        sdpRtcp = section.rtcpAddress() == null ? null : new InetSocketAddress(section.rtcpAddress(), section.rtcpPort());
        if (moved) {
            rtpLatch.reset();
            rtcpLatch.reset();
            lastDtmfTimestamp = -1;
        }
    }

    /** The peer's SDP as the previous version of the bundle had it: the latches it handed over stay. */
    void restorePeer(MediaSection section, InetAddress from) {
        peer = section;
        signalling = from;
        sdpRtp = section.address() == null ? null : new InetSocketAddress(section.address(), section.port());
        sdpRtcp = section.rtcpAddress() == null ? null : new InetSocketAddress(section.rtcpAddress(), section.rtcpPort());
    }

    /** Where RTP for this peer goes: its latched source, else its SDP; null when neither is known. */
    InetSocketAddress rtpDestination() {
        return rtpLatch.source != null ? rtpLatch.source : sdpRtp;
    }

    /** Where RTCP for this peer goes: to its RTP destination when rtcp-mux was agreed. */
    InetSocketAddress rtcpDestination(boolean mux) {
        if (mux) {
            return rtpDestination();
        }
        return rtcpLatch.source != null ? rtcpLatch.source : sdpRtcp;
    }

    /** Bundle update: packets wait in the socket buffers from now on, until the next version reads them. */
    void pauseReading() {
        rtp.config().setAutoRead(false);
        rtcp.config().setAutoRead(false);
    }

    /** Bundle update: this version's handler in place of the previous one's (the only one), then read again. */
    void resumeReading(PacketRelay relay) {
        resumeOn(rtp, new PacketHandler(relay, this, false));
        resumeOn(rtcp, new PacketHandler(relay, this, true));
    }

    private static void resumeOn(Channel channel, PacketHandler handler) {
        ChannelPipeline pipeline = channel.pipeline();
        ChannelHandler previous = pipeline.first();
        if (previous == null) {
            pipeline.addLast(handler);
        } else {
            pipeline.replace(previous, null, handler);
        }
        channel.config().setAutoRead(true);
    }

    /** Closes both sockets; the pair goes back to the pool once both are closed. Idempotent: one free per pair. */
    synchronized Future<Void> close() {
        active = false;
        if (closing != null) {
            return closing;
        }
        Promise<Void> done = ImmediateEventExecutor.INSTANCE.newPromise();
        closing = done;
        Channel first = rtp;
        Channel second = rtcp;
        if (first == null) {
            pool.free(rtpPort);
            return done.setSuccess(null);
        }
        first.close().addListener(a -> {
            if (second == null) {
                pool.free(rtpPort);
                done.trySuccess(null);
            } else {
                second.close().addListener(b -> {
                    pool.free(rtpPort);
                    done.trySuccess(null);
                });
            }
        });
        return done;
    }

    String remote() {
        InetSocketAddress to = rtpDestination();
        return to == null ? "" : Addresses.text(to);
    }
}
