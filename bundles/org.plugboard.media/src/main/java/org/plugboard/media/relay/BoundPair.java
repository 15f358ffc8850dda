package org.plugboard.media.relay;

import io.netty.channel.Channel;
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
