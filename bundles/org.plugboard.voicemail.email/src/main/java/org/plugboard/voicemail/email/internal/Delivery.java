package org.plugboard.voicemail.email.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.mail.SendFailedException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each mail on its own executor and retries a failed send with a doubling delay, a bounded number of times.
 * A mail given up (retries spent, recipient refused, too many waiting, stopped) is counted as failed and reported once
 * through {@code warn}, with the reason: never lost silently, never one log line per retry above DEBUG.
 */
final class Delivery {
    /** Sends one mail, blocking; throws when it was not accepted. */
    interface Sender {
        void send(Notice n, SmtpSettings s) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    private final Sender sender;
    private final ScheduledExecutorService executor;
    private final Supplier<SmtpSettings> settings;
    private final Consumer<String> warn;
    private final Clock clock;
    private final Counters counters = new Counters();

    Delivery(Sender sender, ScheduledExecutorService executor, Supplier<SmtpSettings> settings, Consumer<String> warn, Clock clock) {
        this.sender = sender;
        this.executor = executor;
        this.settings = settings;
        this.warn = warn;
        this.clock = clock;
    }

    Counters counters() {
        return counters;
    }

    /** Queues the mail and returns at once (the voicemail executor calls this). */
    void submit(Notice n) {
        int max = settings.get().maxPending();
        if (counters.pending.incrementAndGet() > max) {
            giveUp(n, 0, max + " mails are already waiting (max.pending); is the SMTP server down?");
            return;
        }
        run(n, 1, Duration.ZERO);
    }

    private void run(Notice n, int attempt, Duration delay) {
        try {
            executor.schedule(() -> attempt(n, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            giveUp(n, attempt - 1, "the email bundle is stopping");
        }
    }

    private void attempt(Notice n, int attempt) {
        SmtpSettings s = settings.get();
        try {
            sender.send(n, s);
            counters.pending.decrementAndGet();
            counters.sent.incrementAndGet();
            LOG.debug("Mailed {} (attempt {})", n.describe(), attempt);
        } catch (Exception e) {
            String reason = reason(e);
            if (permanent(e) || attempt > s.retryAttempts()) {
                giveUp(n, attempt, reason);
                return;
            }
            // reports first, counts last, as giveUp does: whoever sees the retry counted sees its reason
            counters.error(clock.instant(), "retrying " + n.describe() + ": " + reason);
            counters.retried.incrementAndGet();
            Duration delay = s.delayBefore(attempt);
            LOG.debug("Mail of {} failed (attempt {}): {}; retry in {} ms", n.describe(), attempt, reason, delay.toMillis());
            run(n, attempt + 1, delay);
        }
    }

    /** Reports first, counts last: whoever sees the count sees the report too. */
    private void giveUp(Notice n, int attempts, String reason) {
        counters.error(clock.instant(), n.describe() + ": " + reason);
        warn.accept("Voicemail email not sent: " + n.describe() + " after " + attempts + " attempt(s): " + reason
                + ". Check smtp.* in etc/" + EmailConfig.PID + ".cfg and the server; pbx:vm-email-list counts the failures");
        counters.pending.decrementAndGet();
        counters.failed.incrementAndGet();
    }

    /** The recipient refused by the server (5xx on RCPT): retrying will not help. */
    static boolean permanent(Exception e) {
        return e instanceof SendFailedException sfe && sfe.getInvalidAddresses() != null && sfe.getInvalidAddresses().length > 0
                && (sfe.getValidSentAddresses() == null || sfe.getValidSentAddresses().length == 0);
    }

    /** The exception and its causes on one line (Angus nests the socket error). */
    static String reason(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null && b.length() < 400; t = t.getCause() == t ? null : t.getCause()) {
            if (b.length() > 0) {
                b.append("; ");
            }
            String m = t.getMessage();
            b.append(m != null ? m.replaceAll("\\s+", " ").trim() : t.getClass().getSimpleName());
        }
        return b.toString();
    }
}
