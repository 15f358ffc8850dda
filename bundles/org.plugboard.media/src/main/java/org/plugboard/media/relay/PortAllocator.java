package org.plugboard.media.relay;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaException.Kind;
import org.plugboard.api.media.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;

/**
 * Takes a pair from the pool and binds its two sockets on a session's event loop. A pair another process holds
 * fails to bind and is skipped (given back; the round-robin cursor has moved past it).
 */
final class PortAllocator {
    private static final Logger LOG = LoggerFactory.getLogger(PortAllocator.class);
    /** Pairs tried per allocation before giving up: bounds the work when another process holds many ports. */
    static final int MAX_BIND_FAILURES = 64;
    /** Larger than any RTP packet on an Ethernet path (1500), with room for jumbo-free tunnels. */
    private static final int DATAGRAM_BUFFER = 2048;
    private static final long BIND_TIMEOUT_MILLIS = 2000;

    private final Transport transport;

    PortAllocator(Transport transport) {
        this.transport = transport;
    }

    Endpoint allocate(Side side, PortPool pool, RelayConfig config, EventLoop loop, PacketRelay relay) throws MediaException {
        InetAddress bind = Addresses.literal(config.bindAddress());
        String lastFailure = null;
        for (int failures = 0; failures < MAX_BIND_FAILURES; failures++) {
            int port = pool.take();
            if (port < 0) {
                throw new MediaException(Kind.NO_PORTS, "every port pair of " + pool.firstPort() + "-" + pool.lastPort()
                        + " is in use (" + pool.totalPairs() + " pairs)"
                        + (lastFailure == null ? "" : "; last bind failure: " + lastFailure));
            }
            Endpoint endpoint = new Endpoint(side, pool, port);
            try {
                endpoint.rtp = bind(loop, bind, port, new PacketHandler(relay, endpoint, false), config);
                endpoint.rtcp = bind(loop, bind, port + 1, new PacketHandler(relay, endpoint, true), config);
                return endpoint;
            } catch (BindFailure e) {
                lastFailure = "port " + e.port + ": " + e.getMessage();
                LOG.debug("Skipping port pair {}/{}: {}", port, port + 1, lastFailure);
                endpoint.close().awaitUninterruptibly(BIND_TIMEOUT_MILLIS);
            }
        }
        throw new MediaException(Kind.NO_PORTS, MAX_BIND_FAILURES + " port pairs in a row failed to bind on "
                + config.bindAddress() + "; last: " + lastFailure);
    }

    /**
     * A pair for a terminated leg: the same pool and binding rules, the leg's own handlers (which must be
     * {@code @Sharable}: a pair that fails to bind is skipped and the next one gets them).
     */
    BoundPair bindPair(PortPool pool, RelayConfig config, EventLoop loop, ChannelHandler rtpHandler,
            ChannelHandler rtcpHandler) throws MediaException {
        InetAddress bind = Addresses.literal(config.bindAddress());
        String lastFailure = null;
        for (int failures = 0; failures < MAX_BIND_FAILURES; failures++) {
            int port = pool.take();
            if (port < 0) {
                throw new MediaException(Kind.NO_PORTS, "every port pair of " + pool.firstPort() + "-" + pool.lastPort()
                        + " is in use (" + pool.totalPairs() + " pairs)");
            }
            Channel rtp = null;
            try {
                rtp = bind(loop, bind, port, rtpHandler, config);
                Channel rtcp = bind(loop, bind, port + 1, rtcpHandler, config);
                return new BoundPair(pool, port, rtp, rtcp);
            } catch (BindFailure e) {
                lastFailure = "port " + e.port + ": " + e.getMessage();
                LOG.debug("Skipping port pair {}/{}: {}", port, port + 1, lastFailure);
                if (rtp != null) {
                    rtp.close().awaitUninterruptibly(BIND_TIMEOUT_MILLIS);
                }
                pool.free(port);
            }
        }
        throw new MediaException(Kind.NO_PORTS, MAX_BIND_FAILURES + " port pairs in a row failed to bind on "
                + config.bindAddress() + "; last: " + lastFailure);
    }

    private Channel bind(EventLoop loop, InetAddress address, int port, ChannelHandler handler, RelayConfig config)
            throws BindFailure {
        Bootstrap bootstrap = transport.tune(new Bootstrap()).group(loop).channelFactory(transport.channels())
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(DATAGRAM_BUFFER))
                .handler(handler);
        if (config.receiveBufferBytes() > 0) {
            bootstrap.option(ChannelOption.SO_RCVBUF, config.receiveBufferBytes());
        }
        if (config.sendBufferBytes() > 0) {
            bootstrap.option(ChannelOption.SO_SNDBUF, config.sendBufferBytes());
        }
        ChannelFuture future = bootstrap.bind(new InetSocketAddress(address, port));
        if (!future.awaitUninterruptibly(BIND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
            future.channel().close();
            throw new BindFailure(port, "bind timed out");
        }
        if (!future.isSuccess()) {
            future.channel().close();
            throw new BindFailure(port, String.valueOf(future.cause().getMessage()));
        }
        return future.channel();
    }

    private static final class BindFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final int port;

        BindFailure(int port, String message) {
            super(message, null, false, false);
            this.port = port;
        }
    }
}
