package org.plugboard.voicemail.email.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.plugboard.voicemail.MessageListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voicemail bundle's {@link MessageListener}: a message for a mailbox with an address becomes a mail, handed to
 * {@link Delivery} on this component's own thread, so the voicemail executor never waits for SMTP. A mailbox without
 * an address is skipped. The SMTP settings change live ({@code @Modified}); mails already waiting use the new ones.
 */
@Component(service = {MessageListener.class, EmailNotifier.class}, configurationPid = EmailConfig.PID)
@Designate(ocd = EmailConfig.class)
public class EmailNotifier implements MessageListener {
    private static final Logger LOG = LoggerFactory.getLogger(EmailNotifier.class);

    private final AddressBook addresses;
    private final ScheduledThreadPoolExecutor executor;
    private final Delivery delivery;
    private volatile SmtpSettings settings;

    @Activate
    public EmailNotifier(@Reference AddressBook addresses, EmailConfig config) {
        this(addresses, config, LOG::warn);
    }

    /** @param warn where a mail given up is reported (the log; a recording list in tests) */
    EmailNotifier(AddressBook addresses, EmailConfig config, Consumer<String> warn) {
        this.addresses = addresses;
        this.settings = SmtpSettings.of(config);
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "voicemail-email");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.delivery = new Delivery(new SmtpSender(new MailComposer(ZoneId.systemDefault())), executor, () -> settings, warn,
                Clock.systemUTC());
        LOG.info("Voicemail email: {}", settings.describe());
    }

    @Modified
    void modified(EmailConfig config) {
        settings = SmtpSettings.of(config);
        LOG.info("Voicemail email settings changed: {}", settings.describe());
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        List<Runnable> dropped = executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        if (!dropped.isEmpty()) {
            LOG.warn("Voicemail email stopping: {} mail(s) waiting for a retry were not sent", dropped.size());
        }
    }

    @Override
    public void deposited(String mailbox, String messageId, String caller, Instant received, Duration length, Path file) {
        addresses.address(mailbox).ifPresent(to -> delivery.submit(new Notice(mailbox, messageId,
                caller == null || caller.isBlank() ? "unknown" : caller, received, length, file, to)));
    }

    /** For the console. */
    public Counters.Snapshot counters() {
        return delivery.counters().snapshot();
    }

    /** For the console: the settings in force, without the password. */
    public String describeSettings() {
        return settings.describe();
    }
}
