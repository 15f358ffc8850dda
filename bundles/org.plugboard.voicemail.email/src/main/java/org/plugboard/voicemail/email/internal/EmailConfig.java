package org.plugboard.voicemail.email.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The email settings (PID {@code org.plugboard.voicemail.email}, file {@code etc/org.plugboard.voicemail.email.cfg}). */
@ObjectClassDefinition(name = "Plugboard voicemail email", description = "Mails each new voice message, the recording "
        + "attached, to the address set for its mailbox (pbx:vm-email)")
public @interface EmailConfig {
    String PID = "org.plugboard.voicemail.email";

    /** How the connection to the SMTP server is protected. */
    enum Security {
        /** plain SMTP (a relay on the same host or network) */
        NONE,
        /** plain connection upgraded by STARTTLS, which the server must offer (port 587) */
        STARTTLS,
        /** TLS from the first byte (SMTPS, port 465) */
        SSL
    }

    @AttributeDefinition(description = "SMTP server host name or address")
    String smtp_host() default "localhost";

    @AttributeDefinition(description = "SMTP server port (25 relay, 587 submission with STARTTLS, 465 SSL)", min = "1", max = "65535")
    int smtp_port() default 25;

    @AttributeDefinition(description = "NONE, STARTTLS (required, not just tried) or SSL")
    Security smtp_security() default Security.NONE;

    @AttributeDefinition(description = "SMTP user name; empty: no authentication", required = false)
    String smtp_user() default "";

    @AttributeDefinition(description = "SMTP password", type = AttributeType.PASSWORD, required = false)
    String smtp_password() default "";

    @AttributeDefinition(description = "Sender address of the mails")
    String from() default "voicemail@localhost";

    @AttributeDefinition(description = "Seconds to wait for the SMTP server to connect or answer", min = "1")
    int timeout_seconds() default 20;

    @AttributeDefinition(description = "Attach the recording (WAV) to the mail")
    boolean attach() default true;

    @AttributeDefinition(description = "Largest recording attached, in bytes; a larger one is mailed without it and the "
            + "body says so (8 kHz 16-bit mono: about 16 kB per second)", min = "0")
    long max_attachment_bytes() default 10_000_000L;

    @AttributeDefinition(description = "Retries after a failed send (server unreachable, temporary refusal), then the "
            + "mail counts as failed and one WARN names the reason", min = "0")
    int retry_attempts() default 5;

    @AttributeDefinition(description = "Milliseconds before the first retry; each next one waits twice as long", min = "1")
    long retry_delay_ms() default 30_000L;

    @AttributeDefinition(description = "Longest wait between two retries, in milliseconds", min = "1")
    long retry_max_delay_ms() default 600_000L;

    @AttributeDefinition(description = "Mails waiting to be sent or retried at most; more count as failed at once", min = "1")
    int max_pending() default 500;

    @AttributeDefinition(description = "Filter of the DataSource the addresses are stored in")
    String dataSource_target() default "(dataSourceName=plugboard)";
}
