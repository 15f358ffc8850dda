package org.plugboard.media.relay;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaException.Kind;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.media.MediaListener;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.PortUsage;
import org.plugboard.api.media.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The in-process RTP/RTCP relay (engine {@value #ENGINE_NAME}), free of OSGi: construct it with a
 * {@link RelayConfig}, use it as a {@link MediaGateway}, {@link #close()} it. Each session lives on one event
 * loop of the gateway's group (both sides' sockets on the same thread: no hand-over per packet).
 */
public final class RelayGateway implements MediaGateway, AutoCloseable {
    public static final String ENGINE_NAME = "local";
    private static final Logger LOG = LoggerFactory.getLogger(RelayGateway.class);

    private final Transport transport = new Transport();
    private final PortAllocator allocator = new PortAllocator(transport);
    private final EventLoopGroup group;
    private final int threads;
    private final Map<String, RelaySession> sessions = new ConcurrentHashMap<>();
    private volatile RelayConfig config;
    private volatile PortPool pool;
    private volatile boolean closed;

    public RelayGateway(RelayConfig config) {
        this.config = check(config);
        this.pool = new PortPool(config.portMin(), config.portMax());
        this.threads = config.effectiveThreads();
        this.group = transport.group(threads, new DefaultThreadFactory("plugboard-media", true));
        LOG.info("Media relay started: {} threads ({}), ports {}-{} ({} pairs) on {}, advertised {}, inactivity {} s, "
                + "latch any address {}, re-latch after {} ms", threads, transport.name(), pool.firstPort(),
                pool.lastPort(), pool.totalPairs(), config.bindAddress(),
                config.advertisedAddress().isEmpty() ? "per receiver" : config.advertisedAddress(),
                config.inactivityTimeoutSeconds(), config.latchAnyAddress(), config.relatchAfterMillis());
    }

    /**
     * New settings for new sessions; live sessions keep theirs (and their ports, which go back to the pool they
     * came from). The thread count applies only when a new gateway starts.
     */
    public void reconfigure(RelayConfig next) {
        check(next);
        RelayConfig previous = config;
        if (next.portMin() != previous.portMin() || next.portMax() != previous.portMax()) {
            pool = new PortPool(next.portMin(), next.portMax());
        }
        config = next;
        if (next.effectiveThreads() != threads) {
            LOG.info("Media relay: threads = {} applies at the next start; running with {}", next.effectiveThreads(), threads);
        }
        LOG.info("Media relay reconfigured for new sessions: {}", next);
    }

    public RelayConfig config() {
        return config;
    }

    /** The I/O transport in use: epoll or nio. */
    public String transport() {
        return transport.name();
    }

    @Override
    public String engine() {
        return ENGINE_NAME;
    }

    @Override
    public MediaSession open(String callId, MediaListener listener) throws MediaException {
        if (closed) {
            throw new MediaException(Kind.ENGINE_FAILURE, "the local media relay is shut down");
        }
        String id = ENGINE_NAME + "-" + UUID.randomUUID();
        EventLoop loop;
        try {
            loop = group.next();
            RelaySession session = new RelaySession(id, callId, listener, this, config, pool, loop);
            sessions.put(id, session);
            return session;
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new MediaException(Kind.ENGINE_FAILURE, "the local media relay is shut down", e);
        }
    }

    @Override
    public Optional<MediaSession> find(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }

    @Override
    public List<MediaSession> sessions() {
        return List.copyOf(sessions.values());
    }

    @Override
    public PortUsage ports() {
        PortPool p = pool;
        return new PortUsage(2 * p.totalPairs(), 2 * p.freePairs());
    }

    /** Releases every session, then stops the threads (no quiet period: nothing is left to drain). */
    @Override
    public void close() {
        closed = true;
        for (RelaySession s : List.copyOf(sessions.values())) {
            s.release();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        LOG.info("Media relay stopped");
    }

    // ---- for sessions ----

    Endpoint allocate(Side side, PortPool from, RelayConfig settings, EventLoop loop, PacketRelay relay)
            throws MediaException {
        return allocator.allocate(side, from, settings, loop, relay);
    }

    InetAddress advertised(RelayConfig settings, String toAddress) {
        return Addresses.advertised(Addresses.literal(settings.advertisedAddress()),
                Addresses.literal(settings.bindAddress()), Addresses.literal(toAddress));
    }

    void forget(RelaySession session) {
        sessions.remove(session.id(), session);
    }

    private static RelayConfig check(RelayConfig c) {
        if (Addresses.literal(c.bindAddress()) == null) {
            throw new IllegalArgumentException("bind.address '" + c.bindAddress() + "' is not an IP address");
        }
        if (!c.advertisedAddress().isEmpty() && Addresses.literal(c.advertisedAddress()) == null) {
            throw new IllegalArgumentException("advertised.address '" + c.advertisedAddress() + "' is not an IP address");
        }
        return c;
    }
}
