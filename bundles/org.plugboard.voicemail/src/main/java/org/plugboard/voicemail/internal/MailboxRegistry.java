package org.plugboard.voicemail.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.plugboard.voicemail.MessageListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the mailboxes: migrates the tables, reconciles files with rows and loads everything at activation, and runs
 * every database and file write on one thread of its own ({@code plugboard-voicemail}), never on a call's strand.
 * Tells the {@link MessageListener} services of each stored message.
 */
@Component(service = MailboxRegistry.class, configurationPid = VoicemailConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = VoicemailConfig.class)
public class MailboxRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(MailboxRegistry.class);

    /** Slack on the longest recording before a kept {@code .part} counts as a leftover. */
    private static final Duration LIVE_MARGIN = Duration.ofSeconds(10);

    private final ScheduledExecutorService executor;
    private final Mailboxes mailboxes;
    private final List<MessageListener> listeners = new CopyOnWriteArrayList<>();
    private final int pinMinLength;

    @Activate
    public MailboxRegistry(@Reference(name = "dataSource", target = "(dataSourceName=plugboard)") DataSource dataSource,
            VoicemailConfig config) {
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plugboard-voicemail");
            t.setDaemon(true);
            return t;
        });
        Path storage = config.storage().isBlank()
                ? Path.of(System.getProperty("karaf.data", "data"), "voicemail") : Path.of(config.storage());
        this.pinMinLength = config.pin_min_length();
        MessageStore store = new MessageStore(dataSource);
        this.mailboxes = new Mailboxes(store, storage,
                new Quota(config.quota_messages(), config.quota_seconds(), config.message_max_seconds()),
                Clock.systemUTC(), executor);
        Duration live = Duration.ofSeconds(Math.max(config.message_max_seconds(), config.greeting_max_seconds())).plus(LIVE_MARGIN);
        Reconciler.Report report = mailboxes.start(getClass().getClassLoader(), live);
        // a previous version of the bundle may still carry deposit calls (an update): their messages come late
        follow(new LateDeposits(mailboxes, store, Clock.systemUTC(), report.partsKept(), live));
        mailboxes.onDeposit(m -> {
            for (MessageListener l : listeners) {
                l.deposited(m.mailbox(), m.id(), m.caller(), m.receivedAt(), Duration.ofMillis(m.millis()), mailboxes.file(m));
            }
        });
        LOG.info("Voicemail: {} mailbox(es) with messages in {} ({} row(s) dropped, {} file(s) adopted at start)",
                mailboxes.all().size(), storage, report.rowsDropped(), report.filesAdopted());
    }

    /** Every half second on the executor until the recordings of the previous version are settled. */
    private void follow(LateDeposits late) {
        java.util.concurrent.atomic.AtomicReference<ScheduledFuture<?>> self = new java.util.concurrent.atomic.AtomicReference<>();
        self.set(executor.scheduleWithFixedDelay(() -> {
            try {
                if (late.poll()) {
                    self.get().cancel(false); // set: the first run is half a second after it
                }
            } catch (RuntimeException e) {
                LOG.warn("Voicemail: following the recordings of the previous version failed: {}", e.toString());
            }
        }, 500, 500, TimeUnit.MILLISECONDS));
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        executor.shutdown(); // queued commits finish: a message recorded just before an update is not lost
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("Voicemail: writes still running after 10 s at shutdown");
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(MessageListener l) {
        listeners.add(l);
    }

    void removeListener(MessageListener l) {
        listeners.remove(l);
    }

    Mailboxes mailboxes() {
        return mailboxes;
    }

    // ---- for the console (not a call's strand: callers may wait on the stages) ----

    /** One mailbox as {@code pbx:vm-show} prints it. */
    public record BoxInfo(String extension, boolean pin, int fresh, int saved, long seconds, boolean unavailableGreeting,
            boolean busyGreeting, Path directory) {
    }

    public BoxInfo info(String extension) {
        return info(mailboxes, extension);
    }

    static BoxInfo info(Mailboxes mailboxes, String extension) {
        Mailboxes.Counts c = mailboxes.counts(extension);
        return new BoxInfo(extension, mailboxes.hasPin(extension), c.fresh(), c.saved(),
                Quota.seconds(mailboxes.messages(extension)),
                Files.isRegularFile(mailboxes.greeting(extension, Numbers.UNAVAILABLE)),
                Files.isRegularFile(mailboxes.greeting(extension, Numbers.BUSY)), mailboxes.directory(extension));
    }

    /** Mailboxes with messages or a PIN, sorted. */
    public SortedSet<String> boxesInUse() {
        SortedSet<String> out = new TreeSet<>(mailboxes.all().keySet());
        out.addAll(mailboxes.pinHashes().keySet());
        return out;
    }

    public List<Message> messages(String extension) {
        return mailboxes.messages(extension);
    }

    /** Where a message's WAV is (it may be gone). */
    java.nio.file.Path file(Message m) {
        return mailboxes.file(m);
    }

    public String quotaText() {
        Quota q = mailboxes.quota();
        return (q.maxMessages() == 0 ? "unlimited" : q.maxMessages()) + " messages, "
                + (q.maxSeconds() == 0 ? "unlimited" : q.maxSeconds() + " s") + " in all, " + q.maxMessageSeconds() + " s each";
    }

    /** @return null when the PIN may be used, else what is wrong with it */
    public String pinProblem(String pin) {
        return Pins.problem(pin, pinMinLength);
    }

    public CompletionStage<Void> setPin(String extension, String pin) {
        return mailboxes.setPin(extension, pin);
    }

    /** @param ids the messages to delete; empty: all of the box */
    public CompletionStage<Integer> delete(String extension, Collection<String> ids) {
        return mailboxes.delete(mailboxes.messages(extension).stream()
                .filter(m -> ids.isEmpty() || ids.contains(m.id())).toList());
    }
}
