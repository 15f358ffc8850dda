package org.plugboard.media.relay;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;

/** The pipeline of one relay socket: every datagram goes to the session's relay; nothing escapes it. */
final class PacketHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(PacketHandler.class);

    private final PacketRelay relay;
    private final Endpoint endpoint;
    private final boolean rtcpPort;

    PacketHandler(PacketRelay relay, Endpoint endpoint, boolean rtcpPort) {
        this.relay = relay;
        this.endpoint = endpoint;
        this.rtcpPort = rtcpPort;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        try {
            relay.receive(endpoint, rtcpPort, packet);
        } catch (RuntimeException e) {
            endpoint.dropped++;
            LOG.debug("Packet on port {} dropped: {}", rtcpPort ? endpoint.rtcpPort() : endpoint.rtpPort, e.toString());
        } finally {
            packet.release();
        }
    }

    /** ICMP errors and the like: the peer will be retried with the next packet, the socket stays open. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Socket {} of session {}: {}", ctx.channel().localAddress(), relay.sessionId(), cause.toString());
    }
}
