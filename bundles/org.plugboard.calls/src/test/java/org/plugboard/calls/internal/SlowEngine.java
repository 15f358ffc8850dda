package org.plugboard.calls.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.media.MediaListener;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.PortUsage;
import org.plugboard.api.media.Side;
import org.plugboard.api.media.StreamStats;

/**
 * A media engine that answers when the test says so, as a remote engine answers after its round trip: each offer
 * or answer waits in {@link #pending} until {@link #answerNext} completes it (the SDP comes back with "relayed-"
 * marking its lines). Sessions count their releases, so a test sees ports given back.
 */
final class SlowEngine implements MediaGateway {
    record Pending(String kind, Side from, String sdp, CompletableFuture<String> reply) {
    }

    final List<Pending> pending = new ArrayList<>();
    final List<Session> sessions = new ArrayList<>();

    /** Completes the oldest waiting offer or answer with the engine's SDP. */
    Pending answerNext() {
        Pending p = pending.remove(0);
        p.reply().complete(p.sdp().replace("c=IN IP4 ", "c=IN IP4 relayed-"));
        return p;
    }

    /** Fails the oldest waiting step as a dead engine does after its bound. */
    void failNext() {
        pending.remove(0).reply().completeExceptionally(new MediaException(MediaException.Kind.ENGINE_FAILURE, "engine did not answer"));
    }

    @Override
    public String engine() {
        return "slow";
    }

    @Override
    public MediaSession open(String callId, MediaListener listener) {
        Session s = new Session(callId);
        sessions.add(s);
        return s;
    }

    @Override
    public Optional<MediaSession> find(String sessionId) {
        return sessions.stream().filter(s -> s.id().equals(sessionId)).map(s -> (MediaSession) s).findFirst();
    }

    @Override
    public List<MediaSession> sessions() {
        return List.copyOf(sessions);
    }

    @Override
    public PortUsage ports() {
        throw new UnsupportedOperationException();
    }

    final class Session implements MediaSession {
        private final String callId;
        final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

        Session(String callId) {
            this.callId = callId;
        }

        @Override
        public String id() {
            return "s-" + callId;
        }

        @Override
        public String callId() {
            return callId;
        }

        @Override
        public String engine() {
            return "slow";
        }

        @Override
        public CompletionStage<String> offerAsync(Side from, String sdp, String fromAddress, String toAddress) {
            Pending p = new Pending("offer", from, sdp, new CompletableFuture<>());
            pending.add(p);
            return p.reply();
        }

        @Override
        public CompletionStage<String> answerAsync(Side from, String sdp, String fromAddress, String toAddress) {
            Pending p = new Pending("answer", from, sdp, new CompletableFuture<>());
            pending.add(p);
            return p.reply();
        }

        @Override
        public String offer(Side from, String sdp, String fromAddress, String toAddress) {
            throw new AssertionError("a strand must never wait for the engine");
        }

        @Override
        public String answer(Side from, String sdp, String fromAddress, String toAddress) {
            throw new AssertionError("a strand must never wait for the engine");
        }

        @Override
        public void hold(Side side) {
        }

        @Override
        public void resume(Side side) {
        }

        @Override
        public void listener(MediaListener listener) {
        }

        @Override
        public List<StreamStats> stats() {
            return List.of();
        }

        @Override
        public void release() {
            released.countDown();
        }
    }
}
