package org.plugboard.recording.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * One recording as stored. {@code ended}, {@code length}, {@code ending} and {@code bytes} are null while it runs
 * (or when the PBX died before it ended, until the next start completes it).
 *
 * @param id      this bundle's id ({@code pbx:rec-show <id>})
 * @param callId  the CDR's call id
 * @param ending  {@code STOPPED}, {@code MAX_LENGTH}, {@code CALL_ENDED}, {@code FAILED} or {@code INTERRUPTED}
 * @param failure what went wrong, or null
 */
public record RecordingRow(long id, String callId, String caller, String callee, String file, String layout, Instant started,
        Instant ended, Duration length, String ending, String failure, Long bytes) {
    /** Completed by the next start from the file, after the PBX died while recording. */
    public static final String INTERRUPTED = "INTERRUPTED";

    public boolean open() {
        return ended == null;
    }
}
