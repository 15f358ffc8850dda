package org.plugboard.voicemail.internal;

import java.time.Instant;

/**
 * One voice message: its WAV file is {@code <storage>/<mailbox>/<fileName>}.
 *
 * @param millis the recording's length
 * @param folder NEW until listened to and saved, then SAVED
 */
public record Message(String id, String mailbox, String caller, Instant receivedAt, long millis, String fileName,
        Folder folder) {
    public enum Folder {
        NEW, SAVED
    }

    Message withFolder(Folder f) {
        return new Message(id, mailbox, caller, receivedAt, millis, fileName, f);
    }

    public long seconds() {
        return (millis + 999) / 1000;
    }
}
