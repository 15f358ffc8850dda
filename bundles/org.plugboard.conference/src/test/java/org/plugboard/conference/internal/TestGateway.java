package org.plugboard.conference.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.plugboard.api.media.Beep;
import org.plugboard.api.media.Conference;
import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.media.MediaListener;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.PortUsage;

/**
 * An engine whose rooms write what is done to them into one log ({@link #log}), e.g. {@code conf-800 join ep-c1},
 * {@code conf-800 beep JOIN}, {@code conf-800 close}. A closed room is forgotten: the next use opens a new one.
 */
final class TestGateway implements MediaGateway {
    final List<String> log = new ArrayList<>();
    final Map<String, EngineRoom> open = new HashMap<>();
    private final String engine;
    int opened;

    TestGateway(String engine) {
        this.engine = engine;
    }

    @Override
    public String engine() {
        return engine;
    }

    @Override
    public synchronized CompletionStage<Conference> conference(String name) {
        opened++;
        return CompletableFuture.completedFuture(open.computeIfAbsent(name, EngineRoom::new));
    }

    final class EngineRoom implements Conference {
        private final String name;
        final List<String> members = new ArrayList<>();
        boolean closed;

        EngineRoom(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public CompletionStage<Void> join(MediaEndpoint member, boolean muted) {
            if (closed || member.closed()) {
                return CompletableFuture.failedFuture(new MediaException(MediaException.Kind.NO_SESSION, "closed"));
            }
            log.add(name + " join " + member.id());
            members.add(member.id());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean leave(MediaEndpoint member) {
            log.add(name + " leave " + member.id());
            return members.remove(member.id());
        }

        @Override
        public boolean mute(String endpointId, boolean muted) {
            log.add(name + (muted ? " mute " : " unmute ") + endpointId);
            return members.contains(endpointId);
        }

        @Override
        public List<String> members() {
            return List.copyOf(members);
        }

        @Override
        public void beep(Beep beep) {
            log.add(name + " beep " + beep);
        }

        @Override
        public void close() {
            log.add(name + " close");
            closed = true;
            open.remove(name);
        }
    }

    @Override
    public MediaSession open(String callId, MediaListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<MediaSession> find(String sessionId) {
        return Optional.empty();
    }

    @Override
    public List<MediaSession> sessions() {
        return List.of();
    }

    @Override
    public PortUsage ports() {
        return PortUsage.UNKNOWN;
    }
}
