package org.plugboard.api.archive;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Stored voicemail messages (pbx-voicemail), from memory; the WAV file of one. */
@ProviderType
public interface VoicemailArchive {
    /** The mailbox's messages, new ones first then saved, oldest first in each; empty for an unused mailbox. */
    List<StoredMessage> messages(String mailbox);

    /** The WAV file of a message whose file exists; empty otherwise. */
    Optional<Path> audio(String mailbox, String id);
}
