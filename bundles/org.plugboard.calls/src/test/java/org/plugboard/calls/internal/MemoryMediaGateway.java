package org.plugboard.calls.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.media.MediaListener;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.PortUsage;
import org.plugboard.api.media.Side;
import org.plugboard.api.media.StreamStats;

/**
 * A media engine without sockets: each session puts the engine's address in every SDP it relays (per side, as a
 * real relay does), records what it was asked, and lets the test fire the engine's events (no RTP, failure).
 */
class MemoryMediaGateway implements MediaGateway {
    static final String TOWARD_CALLEE = "127.0.6.1";
    static final String TOWARD_CALLER = "127.0.6.2";

    final String engine;
    final Map<String, Session> sessions = new ConcurrentHashMap<>();
    /**
     * The engine's own address that reaches a destination (by the toAddress it is given), as a relay on several
     * interfaces advertises; destinations not listed get {@link #TOWARD_CALLEE} or {@link #TOWARD_CALLER}.
     */
    final Map<String, String> interfaces = new ConcurrentHashMap<>();
    /** Set: the next open fails this way (no ports...). */
    volatile MediaException.Kind failOpen;

    MemoryMediaGateway(String engine) {
        this.engine = engine;
    }

    @Override
    public String engine() {
        return engine;
    }

    @Override
    public MediaSession open(String callId, MediaListener listener) throws MediaException {
        if (failOpen != null) {
            throw new MediaException(failOpen, "no free ports in the test engine");
        }
        Session s = new Session("s" + (sessions.size() + 1), callId, listener);
        sessions.put(s.id, s);
        return s;
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
        return PortUsage.UNKNOWN;
    }

    /** The one session; fails unless there is exactly one. */
    Session session() {
        if (sessions.size() != 1) {
            throw new AssertionError("expected one media session, got " + sessions.keySet());
        }
        return sessions.values().iterator().next();
    }

    final class Session implements MediaSession {
        final String id;
        final String callId;
        volatile MediaListener listener;
        /** "offer CALLER 127.0.1.11->127.0.1.12" and the like, in order. */
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch released = new CountDownLatch(1);

        Session(String id, String callId, MediaListener listener) {
            this.id = id;
            this.callId = callId;
            this.listener = listener;
        }

        private String relay(String kind, Side from, String sdp, String fromAddress, String toAddress) {
            calls.add(kind + " " + from + " " + fromAddress + "->" + toAddress);
            String ours = interfaces.getOrDefault(String.valueOf(toAddress), from == Side.CALLER ? TOWARD_CALLEE : TOWARD_CALLER);
            return sdp.replaceAll("c=IN IP4 \\S+", "c=IN IP4 " + ours);
        }

        @Override
        public String offer(Side from, String sdp, String fromAddress, String toAddress) {
            return relay("offer", from, sdp, fromAddress, toAddress);
        }

        @Override
        public String answer(Side from, String sdp, String fromAddress, String toAddress) {
            return relay("answer", from, sdp, fromAddress, toAddress);
        }

        /** The engine saw no RTP for this long. */
        void inactive(long idleMillis) {
            listener.inactive(this, idleMillis);
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
            return engine;
        }

        @Override
        public void hold(Side side) {
        }

        @Override
        public void resume(Side side) {
        }

        @Override
        public void listener(MediaListener listener) {
            this.listener = listener;
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
