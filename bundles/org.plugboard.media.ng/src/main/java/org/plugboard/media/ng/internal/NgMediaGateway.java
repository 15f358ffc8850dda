package org.plugboard.media.ng.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.media.MediaListener;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.PortUsage;
import org.plugboard.api.media.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * A remote media engine (rtpengine or a Plugboard media node) driven over the ng protocol. One UDP socket per
 * engine; a poll thread queries live sessions to notice lost sessions and inactive media.
 * <p>
 * Registers its {@link MediaGateway} service itself, because the service property
 * {@code plugboard.media.engine} takes the value of the configuration's {@code name}, which DS cannot rename.
 */
@Component(service = {}, immediate = true, configurationPid = NgClientConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = NgClientConfig.class, factory = true)
public class NgMediaGateway implements MediaGateway {
    private static final Logger LOG = LoggerFactory.getLogger(NgMediaGateway.class);
    /** Threads completing offers and answers: two, so one slow consumer does not hold up every other session's. */
    static final int REPLY_THREADS = 2;

    private final String name;
    private final NgTransport transport;
    private final long inactivityNanos;
    private final Map<String, NgMediaSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, NgEndpoint> endpoints = new ConcurrentHashMap<>();
    /** The engine said in its pong that it terminates legs (a Plugboard media node); rtpengine does not. */
    private volatile boolean terminates;
    private final ScheduledExecutorService poller;
    private final ExecutorService replyPool;
    private final Executor replies;
    private ServiceRegistration<MediaGateway> registration;

    @Activate
    public NgMediaGateway(NgClientConfig config, BundleContext context) {
        this(config.name(), config.address(), config.timeout_ms(), config.retries(), config.poll_seconds(),
                config.inactivity_timeout());
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(ENGINE, name);
        registration = context.registerService(MediaGateway.class, this, props);
    }

    /** Without OSGi (tests): the same gateway, not registered. */
    NgMediaGateway(String name, String address, int timeoutMillis, int retries, int pollSeconds, int inactivitySeconds) {
        if (name == null || name.isBlank() || name.trim().equals("local")) {
            throw new IllegalArgumentException("org.plugboard.media.ng: set 'name' to the engine's name (not empty, not 'local'), e.g. name = node1");
        }
        this.name = name.trim();
        this.inactivityNanos = TimeUnit.SECONDS.toNanos(Math.max(0, inactivitySeconds));
        this.transport = new NgTransport(this.name, Addresses.parse(address, "media engine '" + this.name + "' address"),
                timeoutMillis, retries);
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ng-poll-" + this.name);
            t.setDaemon(true);
            return t;
        });
        this.replyPool = Executors.newFixedThreadPool(REPLY_THREADS, new DefaultThreadFactory("ng-reply-" + this.name, true));
        // after deactivation, the last completions (the transport failing what still waits) run where they come
        this.replies = task -> {
            try {
                replyPool.execute(task);
            } catch (RejectedExecutionException e) {
                task.run();
            }
        };
        transport.onEvent(event -> replies.execute(() -> {
            NgEndpoint endpoint = endpoints.get(String.valueOf(event.string(EndpointWire.ENDPOINT_ID)));
            if (endpoint != null) {
                endpoint.event(event);
            }
        }));
        long poll = Math.max(1, pollSeconds);
        poller.scheduleWithFixedDelay(this::poll, poll, poll, TimeUnit.SECONDS);
        LOG.info("Media engine '{}' at {} over ng: timeout {} ms x {} attempt(s), poll every {} s, inactivity after {} s",
                this.name, transport.engineAddress(), timeoutMillis, retries + 1, poll, inactivitySeconds);
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        poller.shutdownNow();
        endpoints.values().forEach(NgEndpoint::close); // applications end with the client; the node frees their ports
        transport.close();
        replyPool.shutdown();
        if (!sessions.isEmpty()) {
            LOG.info("Media engine '{}' client stopped with {} live session(s); they stay on the engine until it times them out",
                    name, sessions.size());
        }
        sessions.clear();
    }

    @Override
    public String engine() {
        return name;
    }

    @Override
    public MediaSession open(String callId, MediaListener listener) throws MediaException {
        String id = UUID.randomUUID().toString();
        NgMediaSession session = new NgMediaSession(id, callId, this, listener);
        sessions.put(id, session);
        return session;
    }

    /**
     * A live session; one this client does not know (it was restarted) is looked up on the engine and adopted
     * when the engine still holds it.
     */
    @Override
    public Optional<MediaSession> find(String sessionId) {
        NgMediaSession known = sessions.get(sessionId);
        if (known != null || sessionId == null || !isUuid(sessionId)) {
            return Optional.ofNullable(known);
        }
        try {
            NgDict reply = transport.call(NgCommands.query(sessionId));
            if (!Ng.OK.equals(reply.string(Ng.RESULT)) || !QueryStats.hasMedia(reply, sessionId, Side.CALLER)) {
                return Optional.empty();
            }
            NgMediaSession adopted = NgMediaSession.adopted(sessionId, QueryStats.label(reply, sessionId), this,
                    QueryStats.hasMedia(reply, sessionId, Side.CALLEE));
            NgMediaSession raced = sessions.putIfAbsent(sessionId, adopted);
            return Optional.of(raced != null ? raced : adopted);
        } catch (MediaException e) {
            LOG.info("Media engine '{}': cannot look up session {}: {}", name, sessionId, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public List<MediaSession> sessions() {
        return new ArrayList<>(sessions.values());
    }

    /** rtpengine does not report its port pool over ng. */
    @Override
    public PortUsage ports() {
        return PortUsage.UNKNOWN;
    }

    /** True once the engine's pong named {@link EndpointWire#CAPABILITY}: media applications may run on it. */
    @Override
    public boolean terminatesLegs() {
        return terminates;
    }

    /** A leg on the media node: no round trip here, the node opens it at the first answer or offer. */
    @Override
    public MediaEndpoint endpoint(String callId, Side side) throws MediaException {
        if (!terminates) {
            throw new MediaException(MediaException.Kind.ENGINE_FAILURE, "media engine '" + name + "' at " + transport.engineAddress()
                    + " cannot play, record or collect digits (rtpengine, or a media node that did not answer ping yet)");
        }
        NgEndpoint endpoint = new NgEndpoint(UUID.randomUUID().toString(), callId, side, this);
        endpoints.put(endpoint.id(), endpoint);
        return endpoint;
    }

    void forget(NgEndpoint endpoint) {
        endpoints.remove(endpoint.id(), endpoint);
    }

    /** Asks the engine (ping, without waiting) whether it terminates legs. */
    private void probe() {
        transport.send(NgCommands.ping()).thenAccept(reply -> terminates = reply.number(EndpointWire.CAPABILITY, 0) == 1);
    }

    NgTransport transport() {
        return transport;
    }

    /**
     * Where offers' and answers' replies are handled and their stages completed: off the socket's event loop, so a
     * session's lock or a slow consumer never delays other replies, retransmissions or timeouts.
     */
    Executor replies() {
        return replies;
    }

    void forget(NgMediaSession session) {
        sessions.remove(session.id(), session);
    }

    /** Queries each live session, at most one query in flight per session; replies are handled on the poll thread. */
    private void poll() {
        try {
            pollEach();
        } catch (RuntimeException e) {
            // an exception would end the schedule for good
            LOG.warn("Media engine '{}': poll failed: {}", name, e.toString());
        }
    }

    private void pollEach() {
        if (!terminates) {
            probe(); // at the first poll, and again while unknown: the node may start after us
        }
        endpoints.values().forEach(NgEndpoint::touch);
        for (NgMediaSession session : sessions.values()) {
            if (!session.pollable() || !session.queryInFlight.compareAndSet(false, true)) {
                continue;
            }
            transport.request(NgCommands.query(session.id())).whenCompleteAsync((reply, error) -> {
                try {
                    session.polled(reply, error, System.nanoTime(), inactivityNanos);
                } finally {
                    session.queryInFlight.set(false);
                }
            }, poller);
        }
    }

    private static boolean isUuid(String s) {
        try {
            UUID.fromString(s);
            return s.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Sends a ping; true on pong. */
    boolean ping() {
        try {
            return Ng.PONG.equals(transport.call(NgCommands.ping()).string(Ng.RESULT));
        } catch (MediaException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "media engine '" + name + "' at " + transport.engineAddress();
    }
}
