package org.plugboard.media.ng.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaException.Kind;
import org.plugboard.api.media.MediaListener;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.Side;
import org.plugboard.api.media.StreamStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session held by a remote engine. Its id is the ng call-id. Offers and answers are asynchronous round trips,
 * queued one behind the other; their state (offered, offerer, answered) changes under this object's lock when the
 * reply arrives, never while a round trip is awaited. The blocking {@code offer}/{@code answer} wait for the
 * asynchronous ones; {@code hold}/{@code resume}/{@code stats} still block for their round trip (bounded by the
 * transport). The poller's state (activity, in-flight query) is touched only from the gateway's poll thread.
 */
final class NgMediaSession implements MediaSession {
    private static final Logger LOG = LoggerFactory.getLogger(NgMediaSession.class);

    private final String id;
    private final String callId;
    private final NgMediaGateway gateway;
    private volatile MediaListener listener;

    // signalling state, under this object's lock
    private Side offerer;
    private boolean answered;
    private final EnumSet<Side> held = EnumSet.noneOf(Side.class);
    private volatile boolean offered;
    private volatile boolean released;
    /** The last offer or answer given; the next one starts when it has completed. */
    private CompletableFuture<String> signalling = CompletableFuture.completedFuture(null);

    // poller state
    final AtomicBoolean queryInFlight = new AtomicBoolean();
    private volatile boolean failed;
    private Map<Side, Long> lastPackets = Map.of();
    private volatile long lastActivityNanos = System.nanoTime();
    private boolean inactiveReported;

    NgMediaSession(String id, String callId, NgMediaGateway gateway, MediaListener listener) {
        this.id = id;
        this.callId = callId;
        this.gateway = gateway;
        this.listener = listener;
    }

    /** A session found on the engine after this client restarted: offered, answered if the callee has media. */
    static NgMediaSession adopted(String id, String callId, NgMediaGateway gateway, boolean answered) {
        NgMediaSession s = new NgMediaSession(id, callId == null ? id : callId, gateway, null);
        s.offered = true;
        s.answered = answered;
        s.offerer = Side.CALLER;
        return s;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public String engine() {
        return gateway.engine();
    }

    /** Waits for {@link #offerAsync}: the same round trip, the calling thread blocked up to the transport's bound. */
    @Override
    public String offer(Side from, String sdp, String fromAddress, String toAddress) throws MediaException {
        return await(offerAsync(from, sdp, fromAddress, toAddress));
    }

    /** Waits for {@link #answerAsync}. */
    @Override
    public String answer(Side from, String sdp, String fromAddress, String toAddress) throws MediaException {
        return await(answerAsync(from, sdp, fromAddress, toAddress));
    }

    @Override
    public CompletionStage<String> offerAsync(Side from, String sdp, String fromAddress, String toAddress) {
        return signal(() -> {
            check(from, sdp);
            boolean reoffer;
            synchronized (this) {
                reoffer = answered;
            }
            return NgCommands.offer(id, from, reoffer, sdp, fromAddress, callId);
        }, reply -> {
            String result = sdpOf(ok(reply, Ng.OFFER));
            boolean orphan;
            synchronized (this) {
                // released while the first offer was on its way: release() sent no delete, so we do
                orphan = released && !offered;
                if (!offered) {
                    lastActivityNanos = System.nanoTime();
                    offered = true;
                }
                offerer = from;
            }
            if (orphan) {
                deleteOnEngine();
            }
            return result;
        });
    }

    @Override
    public CompletionStage<String> answerAsync(Side from, String sdp, String fromAddress, String toAddress) {
        return signal(() -> {
            check(from, sdp);
            Side offeredBy;
            synchronized (this) {
                offeredBy = offerer;
            }
            if (offeredBy == null || offeredBy == from) {
                throw new MediaException(Kind.NO_SESSION, "session " + id + ": no offer from the " + from.other() + " side to answer");
            }
            return NgCommands.answer(id, offeredBy, from, sdp, fromAddress);
        }, reply -> {
            String result = sdpOf(ok(reply, Ng.ANSWER));
            synchronized (this) {
                answered = true;
            }
            return result;
        });
    }

    /**
     * One signalling round trip, queued behind the one before it (offers and answers reach the engine in the order
     * they were given, as when the blocking methods held the lock for the round trip). {@code command} runs when the
     * previous one has completed, in that thread; {@code outcome} always runs on the gateway's reply executor (a
     * failure too), never on the socket's event loop, and so do the returned stage's dependents: neither this
     * session's lock nor a slow consumer can hold up the socket.
     */
    private CompletionStage<String> signal(Step<Map<String, Object>> command, Outcome outcome) {
        // completed with the MediaException itself (as MediaSession's defaults do); the consumer cannot complete the chain
        CompletableFuture<String> result = new CompletableFuture<>();
        synchronized (this) {
            signalling = signalling.handle((r, e) -> null).thenCompose(ignored -> {
                Map<String, Object> c;
                try {
                    c = command.get();
                } catch (MediaException | RuntimeException e) {
                    return CompletableFuture.<String>failedFuture(e);
                }
                return gateway.transport().send(c).handleAsync((reply, error) -> {
                    if (error != null) {
                        throw new CompletionException(unwrap(error));
                    }
                    try {
                        return outcome.apply(reply);
                    } catch (MediaException | RuntimeException e) {
                        throw new CompletionException(e);
                    }
                }, gateway.replies());
            }).whenComplete((sdp, error) -> {
                if (error != null) {
                    result.completeExceptionally(unwrap(error));
                } else {
                    result.complete(sdp);
                }
            });
        }
        return result;
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private String await(CompletionStage<String> stage) throws MediaException {
        return NgTransport.await(stage.toCompletableFuture(), gateway.transport().bound(), engine());
    }

    @FunctionalInterface
    private interface Step<T> {
        T get() throws MediaException;
    }

    @FunctionalInterface
    private interface Outcome {
        String apply(NgDict reply) throws MediaException;
    }

    @Override
    public synchronized void hold(Side side) throws MediaException {
        changeHold(side, true);
    }

    @Override
    public synchronized void resume(Side side) throws MediaException {
        changeHold(side, false);
    }

    /** The engine blocks the whole call while any side is held (two parties: no direction is left to relay). */
    private void changeHold(Side side, boolean hold) throws MediaException {
        requireLive();
        boolean blockedBefore = !held.isEmpty();
        if (hold) {
            held.add(side);
        } else {
            held.remove(side);
        }
        boolean blockedNow = !held.isEmpty();
        if (offered && blockedBefore != blockedNow) {
            try {
                ok(gateway.transport().call(NgCommands.block(id, blockedNow)), blockedNow ? Ng.BLOCK_MEDIA : Ng.UNBLOCK_MEDIA);
            } catch (MediaException e) {
                // keep our view equal to the engine's
                if (hold) {
                    held.remove(side);
                } else {
                    held.add(side);
                }
                throw e;
            }
        }
        lastActivityNanos = System.nanoTime();
    }

    synchronized Set<Side> held() {
        return EnumSet.copyOf(held);
    }

    @Override
    public void listener(MediaListener listener) {
        this.listener = listener;
    }

    @Override
    public List<StreamStats> stats() throws MediaException {
        requireLive();
        if (!offered) {
            return List.of();
        }
        return QueryStats.parse(ok(gateway.transport().call(NgCommands.query(id)), Ng.QUERY), id);
    }

    @Override
    public void release() {
        boolean delete;
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
            // a first offer still on its way sends the delete itself when its reply comes (offerAsync)
            delete = offered;
        }
        gateway.forget(this);
        if (delete) {
            deleteOnEngine();
        }
    }

    /** Best effort and asynchronous: the caller never waits for a dead engine. */
    private void deleteOnEngine() {
        gateway.transport().request(NgCommands.delete(id)).whenComplete((reply, error) -> {
            if (error != null || !Ng.OK.equals(reply.string(Ng.RESULT))) {
                LOG.info("Media engine '{}': delete of session {} not confirmed: {}", engine(), id,
                        error != null ? error.getMessage() : reply.string(Ng.ERROR_REASON));
            }
        });
    }

    boolean pollable() {
        return offered && !released && !failed;
    }

    /** One poll's outcome, on the poll thread. */
    void polled(NgDict reply, Throwable error, long nowNanos, long inactivityNanos) {
        if (error != null || released) {
            return;
        }
        if (Ng.ERROR.equals(reply.string(Ng.RESULT))) {
            String reason = reply.string(Ng.ERROR_REASON);
            if (Ng.isUnknownCall(reason)) {
                failed = true;
                notifyListener(l -> l.failed(this, "media engine '" + engine() + "' lost the session: " + reason));
            }
            return;
        }
        Set<Side> holding = held();
        Map<Side, Long> packets = QueryStats.packetsIn(QueryStats.parse(reply, id));
        boolean active = false;
        for (Side side : Side.values()) {
            if (!holding.contains(side) && packets.getOrDefault(side, 0L) > lastPackets.getOrDefault(side, 0L)) {
                active = true;
            }
        }
        lastPackets = packets;
        if (active || holding.size() == Side.values().length) {
            lastActivityNanos = nowNanos;
            inactiveReported = false;
            return;
        }
        long idleNanos = nowNanos - lastActivityNanos;
        if (inactivityNanos > 0 && idleNanos >= inactivityNanos && !inactiveReported) {
            inactiveReported = true;
            notifyListener(l -> l.inactive(this, idleNanos / 1_000_000));
        }
    }

    private void notifyListener(java.util.function.Consumer<MediaListener> event) {
        MediaListener l = listener;
        if (l == null) {
            return;
        }
        try {
            event.accept(l);
        } catch (RuntimeException e) {
            LOG.warn("Media listener of session {} threw: {}", id, e.toString());
        }
    }

    private void check(Side from, String sdp) throws MediaException {
        requireLive();
        if (from == null) {
            throw new MediaException(Kind.NO_SESSION, "session " + id + ": no side given");
        }
        if (sdp == null || sdp.isBlank()) {
            throw new MediaException(Kind.BAD_SDP, "empty SDP");
        }
    }

    private void requireLive() throws MediaException {
        if (released) {
            throw new MediaException(Kind.NO_SESSION, "media session " + id + " is released");
        }
    }

    private NgDict ok(NgDict reply, String command) throws MediaException {
        String result = reply.string(Ng.RESULT);
        if (Ng.OK.equals(result)) {
            return reply;
        }
        String reason = reply.string(Ng.ERROR_REASON);
        throw new MediaException(kindOf(reason), "media engine '" + engine() + "' refused " + command + " of session "
                + id + ": " + (reason != null ? reason : "result " + result));
    }

    /** The engine's words back to the B2BUA's status: 488 for the offerer's fault, 503 for the engine's. */
    static Kind kindOf(String reason) {
        String r = reason == null ? "" : reason.toLowerCase(java.util.Locale.ROOT);
        if (r.contains("sdp") && r.contains("pars")) {
            return Kind.BAD_SDP;
        }
        if (r.contains(Ng.NO_USABLE_MEDIA.toLowerCase(java.util.Locale.ROOT))) {
            return Kind.NO_USABLE_MEDIA;
        }
        if (r.contains("out of ports")) {
            return Kind.NO_PORTS;
        }
        return Kind.ENGINE_FAILURE;
    }

    private String sdpOf(NgDict reply) throws MediaException {
        String sdp = reply.string(Ng.SDP);
        if (sdp == null) {
            throw new MediaException(Kind.ENGINE_FAILURE, "media engine '" + engine() + "' answered without SDP");
        }
        return sdp;
    }
}
