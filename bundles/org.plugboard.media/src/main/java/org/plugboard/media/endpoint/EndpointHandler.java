package org.plugboard.media.endpoint;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

/**
 * The pipeline of a terminated leg's socket: every datagram to the leg, released here, nothing escaping. Sharable:
 * a pair that fails to bind hands it on to the next pair.
 */
@Sharable
final class EndpointHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointHandler.class);
    private final LegEndpoint leg;
    private final boolean rtcpPort;

    EndpointHandler(LegEndpoint leg, boolean rtcpPort) {
        this.leg = leg;
        this.rtcpPort = rtcpPort;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof DatagramPacket packet && !rtcpPort) {
                leg.receive(packet);
            }
        } catch (RuntimeException e) {
            LOG.debug("Media endpoint {}: packet dropped: {}", leg.id(), e.toString());
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** ICMP errors (the peer's port closed) and the like: the socket stays open. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Media endpoint {} socket {}: {}", leg.id(), ctx.channel().localAddress(), cause.toString());
    }
}
