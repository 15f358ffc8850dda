package org.plugboard.media.ng.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * A session held by a remote engine. Its id is the ng call-id; signalling calls are serialized on this object and
 * block for one round trip (bounded by the transport). The poller's state (activity, in-flight query) is touched
 * only from the gateway's poll thread.
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

    @Override
    public synchronized String offer(Side from, String sdp, String fromAddress, String toAddress) throws MediaException {
        check(from, sdp);
        NgDict reply = ok(gateway.transport().call(NgCommands.offer(id, from, answered, sdp, fromAddress, callId)), Ng.OFFER);
        String result = sdpOf(reply);
        if (!offered) {
            lastActivityNanos = System.nanoTime();
            offered = true;
        }
        offerer = from;
        return result;
    }

    @Override
    public synchronized String answer(Side from, String sdp, String fromAddress, String toAddress) throws MediaException {
        check(from, sdp);
        if (offerer == null || offerer == from) {
            throw new MediaException(Kind.NO_SESSION, "session " + id + ": no offer from the " + from.other() + " side to answer");
        }
        NgDict reply = ok(gateway.transport().call(NgCommands.answer(id, offerer, from, sdp, fromAddress)), Ng.ANSWER);
        String result = sdpOf(reply);
        answered = true;
        return result;
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
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
        }
        gateway.forget(this);
        if (offered) {
            // best effort and asynchronous: the caller never waits for a dead engine
            gateway.transport().request(NgCommands.delete(id)).whenComplete((reply, error) -> {
                if (error != null || !Ng.OK.equals(reply.string(Ng.RESULT))) {
                    LOG.info("Media engine '{}': delete of session {} not confirmed: {}", engine(), id,
                            error != null ? error.getMessage() : reply.string(Ng.ERROR_REASON));
                }
            });
        }
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
