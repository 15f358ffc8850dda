package org.plugboard.api.media;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Recording a relayed call, both parties, into one WAV file ({@link MediaSession#record}). The engine keeps a jitter
 * buffer per direction and places audio by RTP timestamp and clock rate, never by packet arrival, so parties with
 * different or changing packet times, lost packets or pauses (hold, silence suppression) are neither lost, doubled
 * nor drifting. The file is a valid WAV up to the last second written at every moment (its header is brought up to
 * date once a second), so a PBX killed mid-call leaves a playable file. Since 1.4.
 */
public final class CallRecording {
    private CallRecording() {
    }

    /** How the two parties go into the file. */
    public enum Layout {
        /** 8000 Hz mono 16-bit: both parties summed, with clipping protection. */
        MIXED,
        /** 8000 Hz stereo 16-bit: the caller's side on the left channel, the callee's on the right. */
        STEREO
    }

    /** Why a recording ended. */
    public enum Ending {
        /** {@link CallRecorder#stop} ended it (on-demand recording turned off). */
        STOPPED,
        /** It reached its maximum length; later audio was not written. */
        MAX_LENGTH,
        /** The call's media session was released. */
        CALL_ENDED,
        /** Writing failed (disk full, file not writable): what came before is kept; see {@link Result#failure}. */
        FAILED
    }

    /**
     * What and how to record.
     *
     * @param file   the WAV file to write; its directory must exist; an existing file is replaced
     * @param layout mixed or stereo
     * @param max    the longest recording, or null for no limit
     * @param announce both parties hear {@link Beep#WARNING} mixed into their audio when the recording starts (the
     *               notice many jurisdictions require); with G.711 only
     */
    public record Options(Path file, Layout layout, Duration max, boolean announce) {
        public Options {
            if (file == null || layout == null) {
                throw new IllegalArgumentException("a call recording needs a file and a layout");
            }
            if (max != null && (max.isNegative() || max.isZero())) {
                throw new IllegalArgumentException("a call recording's maximum length must be positive: " + max);
            }
        }

        /** Options without the announcement. */
        public Options(Path file, Layout layout, Duration max) {
            this(file, layout, max, false);
        }
    }

    /**
     * What a recording wrote.
     *
     * @param file    the WAV file
     * @param length  the audio it holds
     * @param ending  why it ended
     * @param failure what went wrong for {@link Ending#FAILED}, else empty
     */
    public record Result(Path file, Duration length, Ending ending, String failure) {
    }
}
