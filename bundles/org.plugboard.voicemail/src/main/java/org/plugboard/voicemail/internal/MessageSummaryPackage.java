package org.plugboard.voicemail.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.directory.Directory;
import org.plugboard.api.subscription.EventPackage;
import org.plugboard.api.subscription.ResourceChanges;
import org.plugboard.api.subscription.Watch;

/**
 * The {@code message-summary} event package (RFC 3842) for message-waiting lamps: an extension may watch its own
 * mailbox; every stored, saved or deleted message is a change. Bodies come from the mailboxes' memory.
 */
@Component(service = EventPackage.class, immediate = true)
public class MessageSummaryPackage implements EventPackage {
    static final String EVENT = "message-summary";

    private final Directory directory;
    private final Mailboxes boxes;
    private final Runnable unlisten;
    private volatile ResourceChanges changes;

    @Activate
    public MessageSummaryPackage(@Reference Directory directory, @Reference MailboxRegistry registry) {
        this.directory = directory;
        this.boxes = registry.mailboxes();
        this.unlisten = boxes.onChange(box -> {
            ResourceChanges c = changes;
            if (c != null) {
                c.changed(box);
            }
        });
    }

    @Deactivate
    void deactivate() {
        unlisten.run();
    }

    @Override
    public String event() {
        return EVENT;
    }

    @Override
    public String contentType() {
        return MessageSummary.CONTENT_TYPE;
    }

    @Override
    public Access authorize(String subscriber, String resource) {
        if (directory.find(resource).isEmpty()) {
            return Access.NO_SUCH_RESOURCE;
        }
        return resource.equals(subscriber) ? Access.ALLOWED : Access.FORBIDDEN;
    }

    @Override
    public byte[] body(Watch watch) {
        return MessageSummary.render(watch.entity(), boxes.counts(watch.resource()));
    }

    @Override
    public void open(ResourceChanges c) {
        changes = c;
    }

    @Override
    public void close(ResourceChanges c) {
        if (changes == c) {
            changes = null;
        }
    }
}
