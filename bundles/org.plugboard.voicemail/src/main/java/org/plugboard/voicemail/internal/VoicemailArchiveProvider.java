package org.plugboard.voicemail.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.archive.StoredMessage;
import org.plugboard.api.archive.VoicemailArchive;

/** {@link VoicemailArchive} for REST and the web page: the mailboxes' messages from memory, their files. */
@Component(service = VoicemailArchive.class)
public class VoicemailArchiveProvider implements VoicemailArchive {
    private final Function<String, List<Message>> messages;
    private final Function<Message, Path> files;

    @Activate
    public VoicemailArchiveProvider(@Reference MailboxRegistry registry) {
        this(registry::messages, registry::file);
    }

    VoicemailArchiveProvider(Function<String, List<Message>> messages, Function<Message, Path> files) {
        this.messages = messages;
        this.files = files;
    }

    @Override
    public List<StoredMessage> messages(String mailbox) {
        return messages.apply(mailbox).stream()
                .sorted(Comparator.comparing((Message m) -> m.folder() != Message.Folder.NEW)
                        .thenComparing(Message::receivedAt))
                .map(VoicemailArchiveProvider::view).toList();
    }

    @Override
    public Optional<Path> audio(String mailbox, String id) {
        return messages.apply(mailbox).stream().filter(m -> m.id().equals(id)).findFirst().map(files)
                .filter(Files::isRegularFile);
    }

    static StoredMessage view(Message m) {
        return new StoredMessage(m.id(), m.mailbox(), m.caller(), m.receivedAt(), Duration.ofMillis(m.millis()),
                m.folder().name());
    }
}
