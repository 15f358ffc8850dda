package org.plugboard.voicemail;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of every voice message once it is durable (file in place, row committed): the hook for email notification
 * and the like. Register as an OSGi service; called on the voicemail executor, so return quickly (hand long work,
 * such as sending mail, to a thread of your own). The file stays the mailbox's: copy it, do not move or change it.
 */
@ConsumerType
public interface MessageListener {
    void deposited(String mailbox, String messageId, String caller, Instant received, Duration length, Path file);
}
