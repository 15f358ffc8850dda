package org.plugboard.api.archive;

import java.time.Duration;
import java.time.Instant;

/**
 * A call recording as stored. {@code ended}, {@code length} and {@code bytes} are null while it runs.
 *
 * @param callId the CDR's call id ({@code id} in the CDR)
 * @param layout MIXED or STEREO
 * @param ending STOPPED, MAX_LENGTH, CALL_ENDED, FAILED or INTERRUPTED; null while it runs
 */
public record StoredRecording(long id, String callId, String caller, String callee, Instant started, Instant ended,
        Duration length, String layout, String ending, String failure, Long bytes) {
}
