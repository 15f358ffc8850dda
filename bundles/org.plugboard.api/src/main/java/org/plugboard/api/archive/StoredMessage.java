package org.plugboard.api.archive;

import java.time.Duration;
import java.time.Instant;

/**
 * A voicemail message as stored.
 *
 * @param folder NEW until listened to and saved, then SAVED
 */
public record StoredMessage(String id, String mailbox, String caller, Instant receivedAt, Duration length, String folder) {
}
