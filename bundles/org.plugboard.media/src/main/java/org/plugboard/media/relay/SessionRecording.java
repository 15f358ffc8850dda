package org.plugboard.media.relay;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

import org.plugboard.api.media.CallRecorder;
import org.plugboard.api.media.CallRecording;
import org.plugboard.api.media.CallRecording.Ending;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaException.Kind;
import org.plugboard.api.media.Side;
import org.plugboard.media.recording.LiveRecording;
import org.plugboard.media.recording.Recordings;

import io.netty.buffer.ByteBuf;

/**
 * The call recording of one relayed session (one at a time): {@code record()} and {@code recorder()}, the tap that
 * feeds it the audio, and its way across a bundle update (handed over with the session, carried on by the next
 * version's session into the same file).
 */
final class SessionRecording {
    private final RelaySession session;
    private final Recordings recordings;
    private final AtomicReference<LiveRecording> current = new AtomicReference<>();

    SessionRecording(RelaySession session, Recordings recordings) {
        this.session = session;
        this.recordings = recordings;
    }

    CompletionStage<CallRecorder> record(CallRecording.Options options) {
        LiveRecording running = current.get();
        if (running != null && !running.ended()) {
            return CompletableFuture.failedFuture(alreadyRecorded(running));
        }
        LiveRecording recording = recordings.create(session.id(), options);
        if (!current.compareAndSet(running, recording)) {
            return CompletableFuture.failedFuture(alreadyRecorded(current.get()));
        }
        Tap tap = new Tap(recording);
        recording.onEnd(() -> session.removeTap(tap));
        try {
            session.addTap(tap); // audio is buffered from now on, while the writer opens the file
        } catch (MediaException e) {
            current.compareAndSet(recording, null);
            return CompletableFuture.failedFuture(e);
        }
        return recordings.open(recording).whenComplete((opened, failure) -> {
            if (failure != null) {
                current.compareAndSet(recording, null);
            }
        });
    }

    private MediaException alreadyRecorded(LiveRecording running) {
        return new MediaException(Kind.ENGINE_FAILURE, "media session " + session.id() + " is already recorded"
                + (running == null ? "" : " (into " + running.options().file() + ")"));
    }

    Optional<CallRecorder> recorder() {
        LiveRecording r = current.get();
        return r == null || r.ended() ? Optional.empty() : Optional.of(r);
    }

    /** After the tap was detached: the recording's state into the session's hand-over map. Off the event loop. */
    void handOver(Map<String, Object> state) {
        LiveRecording r = current.get();
        Map<String, Object> saved = r == null ? null : r.handOver();
        if (saved != null) {
            state.put("recording", saved);
        }
    }

    /**
     * Carries on a handed-over recording (the file re-opened to append, off the event loop): returns the tap to add
     * before the session reads again, or null.
     */
    @SuppressWarnings("unchecked")
    MediaTap takeOver(Map<String, Object> state) {
        Map<String, Object> saved = (Map<String, Object>) state.get("recording");
        LiveRecording r = saved == null ? null : recordings.takeOver(saved);
        if (r == null) {
            return null;
        }
        current.set(r);
        Tap tap = new Tap(r);
        r.onEnd(() -> session.removeTap(tap));
        return tap;
    }

    /** Ends the running recording with the session (a take-over that failed). */
    void end() {
        LiveRecording r = current.get();
        if (r != null) {
            r.end(Ending.CALL_ENDED);
        }
    }

    /** Copies each audio packet into the recording (and mixes the announcement in); the packet is always relayed. */
    private static final class Tap implements MediaTap {
        private final LiveRecording recording;

        Tap(LiveRecording recording) {
            this.recording = recording;
        }

        @Override
        public boolean rtp(Side from, ByteBuf packet, long nowNanos) {
            int offset = Rtp.payloadOffset(packet);
            int length = offset < 0 ? -1 : Rtp.payloadLength(packet, offset);
            if (length >= 0) {
                recording.packet(from, Rtp.ssrc(packet), Rtp.sequence(packet), Rtp.timestamp(packet),
                        Rtp.payloadType(packet), packet, packet.readerIndex() + offset, length, nowNanos);
            }
            return true;
        }

        @Override
        public void detached(boolean released) {
            if (released) {
                recording.end(Ending.CALL_ENDED);
            }
        }
    }
}
