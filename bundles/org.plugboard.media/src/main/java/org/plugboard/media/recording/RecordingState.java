package org.plugboard.media.recording;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.plugboard.api.media.CallRecorder;
import org.plugboard.api.media.CallRecording.Options;
import org.plugboard.api.media.CallRecording.Result;
import org.plugboard.api.media.Side;

/**
 * A recording as a map of JDK and API values for the next version of the bundle (see the relay's
 * {@code HandoverState}: no class of this bundle may go in). The {@code finished} stage travels as it is, so the
 * caller's stage completes whichever version ends the recording; {@code successor} lets the old recorder object
 * forward to the new one.
 */
final class RecordingState {
    private RecordingState() {
    }

    /** Called by {@link LiveRecording#handOver} under its monitor, the file closed and the tap gone. */
    static Map<String, Object> save(LiveRecording r) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", r.id());
        m.put("sessionId", r.sessionId());
        m.put("options", r.options());
        m.put("started", r.started());
        m.put("startNanos", r.startNanos());
        m.put("written", r.samplesWritten());
        m.put("dataBytes", r.dataBytes());
        m.put("length", r.length());
        m.put("caller", r.direction(Side.CALLER).save());
        m.put("callee", r.direction(Side.CALLEE).save());
        m.put("announcement", r.announcement() == null ? null : r.announcement().save());
        m.put("finished", r.finishedFuture());
        m.put("successor", r.successor());
        return m;
    }

    /** The next version's recorder, not yet re-opened; the caller re-opens it and completes the successor. */
    @SuppressWarnings("unchecked")
    static LiveRecording restore(Map<String, Object> m, Recordings into) {
        LiveRecording r = into.recording((String) m.get("id"), (String) m.get("sessionId"), (Options) m.get("options"),
                (Instant) m.get("started"), (Long) m.get("startNanos"), (CompletableFuture<Result>) m.get("finished"));
        r.direction(Side.CALLER).restore((Map<String, Object>) m.get("caller"));
        r.direction(Side.CALLEE).restore((Map<String, Object>) m.get("callee"));
        int[] announcement = (int[]) m.get("announcement");
        if (announcement != null && r.announcement() != null) {
            r.announcement().restore(announcement);
        }
        return r;
    }

    @SuppressWarnings("unchecked")
    static CompletableFuture<CallRecorder> successor(Map<String, Object> m) {
        return (CompletableFuture<CallRecorder>) m.get("successor");
    }

    /** Nobody took the recording over (the bundle did not come back): its stage ends with what the file holds. */
    @SuppressWarnings("unchecked")
    static void abandoned(Map<String, Object> m) {
        Options options = (Options) m.get("options");
        ((CompletableFuture<Result>) m.get("finished")).complete(new Result(options.file(), (Duration) m.get("length"),
                org.plugboard.api.media.CallRecording.Ending.CALL_ENDED, ""));
    }
}
