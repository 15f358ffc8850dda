package org.plugboard.voicemail.email.internal;

import java.time.Duration;

import org.plugboard.voicemail.email.internal.EmailConfig.Security;

/** The configuration as values, checked once: what {@link SmtpSender}, {@link MailComposer} and {@link Delivery} read. */
record SmtpSettings(String host, int port, Security security, String user, String password, String from, Duration timeout,
        boolean attach, long maxAttachmentBytes, int retryAttempts, Duration retryDelay, Duration retryMaxDelay, int maxPending) {

    SmtpSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("smtp.host is empty; set it in etc/" + EmailConfig.PID + ".cfg");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("smtp.port " + port + " is not a port (1-65535)");
        }
        user = user == null ? "" : user.trim();
        password = password == null ? "" : password;
        String fromProblem = Addresses.problem(from);
        if (fromProblem != null) {
            throw new IllegalArgumentException("from: " + fromProblem);
        }
        retryAttempts = Math.max(0, retryAttempts);
        maxPending = Math.max(1, maxPending);
        maxAttachmentBytes = Math.max(0, maxAttachmentBytes);
    }

    static SmtpSettings of(EmailConfig c) {
        return new SmtpSettings(c.smtp_host().trim(), c.smtp_port(), c.smtp_security(), c.smtp_user(), c.smtp_password(),
                c.from().trim(), Duration.ofSeconds(Math.max(1, c.timeout_seconds())), c.attach(), c.max_attachment_bytes(),
                c.retry_attempts(), Duration.ofMillis(Math.max(1, c.retry_delay_ms())),
                Duration.ofMillis(Math.max(1, c.retry_max_delay_ms())), c.max_pending());
    }

    /** How long to wait before retry number {@code retry} (1 for the first): doubling, capped. */
    Duration delayBefore(int retry) {
        long ms = retryDelay.toMillis();
        for (int i = 1; i < retry && ms < retryMaxDelay.toMillis(); i++) {
            ms *= 2;
        }
        return Duration.ofMillis(Math.min(ms, retryMaxDelay.toMillis()));
    }

    /** For the log: everything but the password. */
    String describe() {
        return host + ":" + port + " " + security + (user.isEmpty() ? ", no auth" : ", user " + user) + ", from " + from
                + ", attach " + (attach ? "up to " + maxAttachmentBytes + " bytes" : "off") + ", " + retryAttempts
                + " retries from " + retryDelay.toMillis() + " ms up to " + retryMaxDelay.toMillis() + " ms";
    }

    @Override
    public String toString() {
        return describe();
    }
}
