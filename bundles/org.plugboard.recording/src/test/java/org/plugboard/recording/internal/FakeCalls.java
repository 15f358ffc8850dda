package org.plugboard.recording.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.plugboard.api.media.CallRecorder;
import org.plugboard.api.media.CallRecording;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaFileException;
import org.plugboard.api.media.MediaListener;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.Side;
import org.plugboard.api.media.StreamStats;

/**
 * The B2BUA's side of the recorder's port for tests: calls with a media session whose engine "records" by writing a
 * WAV header to the file, as the engine does first, and whose end the test decides; the notes each call got.
 */
final class FakeCalls implements CallPort {
    final Map<String, Session> sessions = new ConcurrentHashMap<>();
    final Map<String, List<String>> notes = new ConcurrentHashMap<>();

    Session call(String callId) {
        Session s = new Session(callId);
        sessions.put(callId, s);
        return s;
    }

    List<String> notes(String callId) {
        return notes.getOrDefault(callId, List.of());
    }

    @Override
    public Optional<MediaSession> media(String callId) {
        return Optional.ofNullable(sessions.get(callId));
    }

    @Override
    public boolean note(String callId, String text) {
        notes.computeIfAbsent(callId, k -> new CopyOnWriteArrayList<>()).add(text);
        return true;
    }

    static final class Session implements MediaSession {
        final String callId;
        volatile Rec recorder;
        volatile String refuse;
        final java.util.concurrent.atomic.AtomicInteger records = new java.util.concurrent.atomic.AtomicInteger();

        Session(String callId) {
            this.callId = callId;
        }

        @Override
        public CompletionStage<CallRecorder> record(CallRecording.Options options) {
            records.incrementAndGet();
            if (refuse != null) {
                return CompletableFuture.failedFuture(new MediaFileException(options.file(), refuse));
            }
            try {
                TestSupport.wav(options.file(), 1, 0, 0);
            } catch (java.io.IOException e) {
                return CompletableFuture.failedFuture(e);
            }
            recorder = new Rec(options);
            return CompletableFuture.completedFuture(recorder);
        }

        @Override
        public Optional<CallRecorder> recorder() {
            return Optional.ofNullable(recorder);
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
            return "fake";
        }

        @Override
        public String offer(Side from, String sdp, String fromAddress, String toAddress) throws MediaException {
            throw new UnsupportedOperationException();
        }

        @Override
        public String answer(Side from, String sdp, String fromAddress, String toAddress) throws MediaException {
            throw new UnsupportedOperationException();
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
        }
    }

    static final class Rec implements CallRecorder {
        final CallRecording.Options options;
        final CompletableFuture<CallRecording.Result> finished = new CompletableFuture<>();
        final Instant started = Instant.parse("2026-12-06T12:00:00Z");
        volatile boolean stopped;

        Rec(CallRecording.Options options) {
            this.options = options;
        }

        void end(Duration length, CallRecording.Ending ending, String failure) {
            finished.complete(new CallRecording.Result(options.file(), length, ending, failure));
        }

        @Override
        public String id() {
            return "r-" + options.file().getFileName();
        }

        @Override
        public String sessionId() {
            return "s";
        }

        @Override
        public CallRecording.Options options() {
            return options;
        }

        @Override
        public Instant started() {
            return started;
        }

        @Override
        public Duration length() {
            return Duration.ZERO;
        }

        @Override
        public CompletionStage<CallRecording.Result> finished() {
            return finished;
        }

        @Override
        public void stop() {
            stopped = true;
            end(Duration.ofSeconds(3), CallRecording.Ending.STOPPED, "");
        }
    }
}
