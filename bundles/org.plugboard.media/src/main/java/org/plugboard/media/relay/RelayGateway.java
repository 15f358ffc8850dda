package org.plugboard.media.relay;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaException.Kind;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.media.MediaListener;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.PortUsage;
import org.plugboard.api.media.Side;
import org.plugboard.media.recording.Recordings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;

/**
 * The in-process RTP/RTCP relay (engine {@value #ENGINE_NAME}), free of OSGi: construct it with a
 * {@link RelayConfig}, use it as a {@link MediaGateway}, {@link #close()} it. Each session lives on one event
 * loop of the gateway's group (both sides' sockets on the same thread: no hand-over per packet).
 * <p>
 * Across a bundle update, {@link #handOver} writes every live session into maps of JDK, API and Netty values
 * (the sockets and the event loop group included) and the next version's gateway is built from them: same
 * session ids, same sockets and ports, latches and counters, and the same threads.
 */
public final class RelayGateway implements MediaGateway, AutoCloseable {
    public static final String ENGINE_NAME = "local";
    private static final Logger LOG = LoggerFactory.getLogger(RelayGateway.class);

    private final Transport transport;
    private final PortAllocator allocator;
    private final EventLoopGroup group;
    private final int threads;
    private final Map<String, RelaySession> sessions = new ConcurrentHashMap<>();
    private final Recordings recordings;
    private volatile RelayConfig config;
    private volatile PortPool pool;
    private volatile boolean closed;
    /** Terminated legs and rooms a previous version handed over with its sessions, for the engine's other parts. */
    private final List<Map<String, Object>> parts = new ArrayList<>();
    /** Third parties mixed into calls: set by the engine's mixing (org.plugboard.media.mix); null: cannot mix. */
    private volatile SessionMixer mixer;

    public RelayGateway(RelayConfig config) {
        this(config, List.of());
    }

    /**
     * A gateway that takes over the sessions a previous version handed over ({@link #handOver}), if their guard
     * has not closed them yet: it runs on their event loop group and counts their ports in its pool.
     */
    public RelayGateway(RelayConfig config, List<Map<String, Object>> handedOver) {
        this(config, handedOver, Recordings.system(ENGINE_NAME));
    }

    /** With the call recordings' writer given (tests: a manual clock, a disk that fills up). */
    public RelayGateway(RelayConfig config, List<Map<String, Object>> handedOver, Recordings recordings) {
        this.recordings = recordings;
        this.config = check(config);
        this.pool = new PortPool(config.portMin(), config.portMax());
        List<Map<String, Object>> taken = claim(handedOver);
        EventLoopGroup adopted = taken.isEmpty() ? null : (EventLoopGroup) taken.get(0).get("group");
        this.transport = adopted == null ? new Transport() : new Transport(adopted);
        this.allocator = new PortAllocator(transport);
        this.group = adopted == null ? transport.group(config.effectiveThreads(), new DefaultThreadFactory("plugboard-media", true))
                : adopted;
        this.threads = adopted == null ? config.effectiveThreads() : count(adopted);
        LOG.info("Media relay started: {} threads ({}{}), ports {}-{} ({} pairs) on {}, advertised {}, inactivity {} s, "
                + "latch any address {}, re-latch after {} ms", threads, transport.name(),
                adopted == null ? "" : ", taken over with the previous version's sessions", pool.firstPort(),
                pool.lastPort(), pool.totalPairs(), config.bindAddress(),
                config.advertisedAddress().isEmpty() ? "per receiver" : config.advertisedAddress(),
                config.inactivityTimeoutSeconds(), config.latchAnyAddress(), config.relatchAfterMillis());
        takeOver(taken.stream().filter(s -> s.get("kind") == null).toList());
        taken.stream().filter(s -> s.get("kind") != null).forEach(parts::add);
    }

    /**
     * What a previous version handed over along with its sessions for another part of the engine ({@code kind}
     * "leg": terminated legs, "room": conference rooms, "mix": third parties in calls), given once.
     */
    public synchronized List<Map<String, Object>> adopted(String kind) {
        List<Map<String, Object>> mine = parts.stream().filter(s -> kind.equals(s.get("kind"))).toList();
        parts.removeAll(mine);
        return mine;
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

    public void mixer(SessionMixer next) {
        mixer = next;
    }

    SessionMixer mixer() {
        return mixer;
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
        recordings.close(); // after the releases: their recordings are finished first
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        LOG.info("Media relay stopped");
    }

    /**
     * Instead of {@link #close()} when the bundle is updated: stops every live session here (reading paused, the
     * packets wait in the socket buffers) and returns them for the next version, with the sockets and this
     * gateway's threads, which keep running. Sessions nobody takes over within {@code keepMillis} are closed, and
     * the threads stopped, by a {@link HandoverGuard}. With no live session this is {@link #close()}.
     */
    public List<Map<String, Object>> handOver(long keepMillis) {
        return handOver(keepMillis, List.of());
    }

    /**
     * {@link #handOver(long)} with the states of the engine's other parts ({@code extras}: terminated legs, rooms,
     * each with a {@code kind}) in the same deposit: they run on this gateway's threads and sockets too.
     */
    public List<Map<String, Object>> handOver(long keepMillis, List<Map<String, Object>> extras) {
        closed = true;
        List<Map<String, Object>> states = new ArrayList<>();
        for (RelaySession s : List.copyOf(sessions.values())) {
            try {
                Map<String, Object> state = s.handOver();
                if (state != null) {
                    states.add(state);
                }
            } catch (MediaException e) {
                LOG.warn("Media session {} could not be handed over and is released: {}", s.id(), e.getMessage());
                s.release();
            }
            sessions.remove(s.id(), s);
        }
        recordings.close(); // what was recorded is written; the next version carries the recordings on
        states.addAll(extras);
        if (states.isEmpty()) {
            close();
            return List.of();
        }
        AtomicBoolean ticket = new AtomicBoolean();
        HandoverGuard guard = new HandoverGuard(states, ticket, group, keepMillis);
        Future<?> guardTask = group.schedule(guard, keepMillis, TimeUnit.MILLISECONDS);
        for (Map<String, Object> state : states) {
            state.put("ticket", ticket);
            state.put("group", group);
            state.put("guard", guardTask);
        }
        LOG.info("Media relay handing {} live session(s) and {} leg(s) or room(s) to its next version ({} threads keep "
                + "running; closed if not taken over within {} ms)", states.size() - extras.size(), extras.size(), threads,
                keepMillis);
        return states;
    }

    /**
     * The handed-over sessions this gateway may take: those of the first deposit whose ticket it wins and whose
     * group still runs. Any other deposit (one gateway runs on one group) is closed at once.
     */
    private static List<Map<String, Object>> claim(List<Map<String, Object>> handedOver) {
        Map<AtomicBoolean, List<Map<String, Object>>> deposits = new IdentityHashMap<>();
        for (Map<String, Object> state : handedOver) {
            deposits.computeIfAbsent((AtomicBoolean) state.get("ticket"), t -> new ArrayList<>()).add(state);
        }
        List<Map<String, Object>> taken = List.of();
        for (Map.Entry<AtomicBoolean, List<Map<String, Object>>> deposit : deposits.entrySet()) {
            List<Map<String, Object>> states = deposit.getValue();
            if (!(states.get(0).get("group") instanceof EventLoopGroup group)) {
                // Netty itself was updated: these sockets are of classes this version does not see; their guard closes them
                LOG.error("{} handed-over media session(s) run on another Netty revision and cannot be taken over; they "
                        + "are closed when their hand-over time is up", states.size());
                continue;
            }
            if (!deposit.getKey().compareAndSet(false, true)) {
                LOG.warn("{} handed-over media session(s) were already closed: not taken over in time", states.size());
                continue;
            }
            ((Future<?>) states.get(0).get("guard")).cancel(false);
            if (taken.isEmpty() && !group.isShuttingDown()) {
                taken = states;
            } else {
                LOG.warn("{} handed-over media session(s) of another deposit are closed", states.size());
                states.forEach(RelayGateway::abandon);
                group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            }
        }
        return taken;
    }

    /** Rebuilds each handed-over session with its id, sockets and ports; one that fails is closed, not the rest. */
    @SuppressWarnings("unchecked")
    private void takeOver(List<Map<String, Object>> states) {
        for (Map<String, Object> state : states) {
            String id = (String) state.get("id");
            CompletableFuture<MediaSession> successor = (CompletableFuture<MediaSession>) state.get("successor");
            PortPool into = pool;
            List<Integer> claimed = Collections.synchronizedList(new ArrayList<>());
            try {
                RelaySession session = new RelaySession(id, (String) state.get("callId"),
                        (MediaListener) state.get("listener"), this, HandoverState.config((Map<String, Object>) state.get("config")),
                        pool, (EventLoop) state.get("loop"));
                session.takeOver(state, port -> {
                    if (!into.claim(port)) {
                        return PortPool.NONE; // outside this pool's range: kept out of the count
                    }
                    claimed.add(port);
                    return into;
                });
                sessions.put(id, session);
                successor.complete(session);
                if (((AtomicBoolean) state.get("releaseRequested")).get()) {
                    session.release(); // released by a caller of the previous version's object during the update
                }
            } catch (MediaException | RuntimeException e) {
                LOG.error("Handed-over media session {} (call {}) could not be taken over: its sockets are closed", id,
                        state.get("callId"), e);
                abandon(state);
                claimed.forEach(into::free);
            }
        }
        if (!states.isEmpty()) {
            LOG.info("Media relay took over {} live session(s) from its previous version", sessions.size());
        }
    }

    @SuppressWarnings("unchecked")
    private static void abandon(Map<String, Object> state) {
        HandoverGuard.channelsOf(state).forEach(Channel::close);
        if (state.get("recording") instanceof Map<?, ?> recording) {
            Recordings.abandoned((Map<String, Object>) recording);
        }
        ((CompletableFuture<?>) state.get("successor")).complete(null);
        for (String waiting : new String[] {"collecting", "recordingDone"}) {
            if (state.get(waiting) instanceof CompletableFuture<?> stage) {
                stage.completeExceptionally(new MediaException(Kind.NO_SESSION,
                        "the media endpoint was closed: the new version of the media engine could not take it over"));
            }
        }
    }

    private static int count(EventLoopGroup group) {
        int n = 0;
        for (EventExecutor ignored : group) {
            n++;
        }
        return n;
    }

    // ---- for terminated legs (org.plugboard.media.endpoint) ----

    /** The event loop for a new terminated leg (round-robin over the group). */
    public EventLoop nextLoop() throws MediaException {
        if (closed) {
            throw new MediaException(Kind.ENGINE_FAILURE, "the local media relay is shut down");
        }
        return group.next();
    }

    /** A port pair of the pool bound on {@code loop} with a terminated leg's handlers ({@code @Sharable}). */
    public BoundPair bindPair(EventLoop loop, ChannelHandler rtpHandler, ChannelHandler rtcpHandler)
            throws MediaException {
        return allocator.bindPair(pool, config, loop, rtpHandler, rtcpHandler);
    }

    /**
     * A terminated leg's port pair that a previous version handed over: counted in this version's pool (when the
     * port is in its range) and closed into it.
     */
    public BoundPair adoptPair(int rtpPort, Channel rtp, Channel rtcp) {
        PortPool into = pool;
        return new BoundPair(into.claim(rtpPort) ? into : PortPool.NONE, rtpPort, rtp, rtcp);
    }

    /** The address to write into an SDP sent to {@code toAddress}, with the settings now. */
    public InetAddress advertised(String toAddress) {
        return advertised(config, toAddress);
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

    Recordings recordings() {
        return recordings;
    }

    /** The spoken announcement of call recordings with {@code announce}, after the beep; null: the beep alone. */
    public void recordingAnnouncement(org.plugboard.media.audio.Audio spoken) {
        recordings.announcement(spoken);
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
