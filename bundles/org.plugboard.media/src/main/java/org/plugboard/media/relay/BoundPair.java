package org.plugboard.media.relay;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;

/**
 * A port pair of the relay's pool bound for a terminated leg ({@code org.plugboard.media.endpoint}): both sockets on
 * one event loop, with the handlers the leg gave. {@link #close} gives the pair back to its pool once both sockets
 * are closed.
 */
public final class BoundPair {
    private final PortPool pool;
    private final int rtpPort;
    private final Channel rtp;
    private final Channel rtcp;
    private Future<Void> closing;

    BoundPair(PortPool pool, int rtpPort, Channel rtp, Channel rtcp) {
        this.pool = pool;
        this.rtpPort = rtpPort;
        this.rtp = rtp;
        this.rtcp = rtcp;
    }

    public int rtpPort() {
        return rtpPort;
    }

    public Channel rtp() {
        return rtp;
    }

    public Channel rtcp() {
        return rtcp;
    }

    public EventLoop loop() {
        return rtp.eventLoop();
    }

    /**
     * Bundle update: the sockets a previous version handed over read again, into this version's handlers (in place
     * of the previous version's, the only ones in their pipelines).
     */
    public void resume(ChannelHandler rtpHandler, ChannelHandler rtcpHandler) {
        resumeOn(rtp, rtpHandler);
        resumeOn(rtcp, rtcpHandler);
    }

    private static void resumeOn(Channel channel, ChannelHandler handler) {
        io.netty.channel.ChannelPipeline pipeline = channel.pipeline();
        ChannelHandler previous = pipeline.first();
        if (previous == null) {
            pipeline.addLast(handler);
        } else {
            pipeline.replace(previous, null, handler);
        }
        channel.config().setAutoRead(true);
    }

    /** Closes both sockets, then frees the pair. Idempotent. */
    public synchronized Future<Void> close() {
        if (closing != null) {
            return closing;
        }
        Promise<Void> done = ImmediateEventExecutor.INSTANCE.newPromise();
        closing = done;
        rtp.close().addListener(a -> rtcp.close().addListener(b -> {
            pool.free(rtpPort);
            done.trySuccess(null);
        }));
        return done;
    }
}
