package org.plugboard.voicemail.email.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** One mail to send: the message the voicemail bundle reported and the address its mailbox has now. */
record Notice(String mailbox, String messageId, String caller, Instant received, Duration length, Path file, String to) {
    /** For the log and the last error. */
    String describe() {
        return "message " + messageId + " of mailbox " + mailbox + " to " + to;
    }
}
