package org.plugboard.voicemail.email.internal;

import java.io.IOException;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.plugboard.voicemail.email.internal.EmailConfig.Security;

/**
 * Sends one mail over SMTP with Jakarta Mail (Eclipse Angus), embedded in this bundle. Jakarta Mail and Activation
 * find their providers (the SMTP transport, the stream and mailcap providers) by ServiceLoader on the thread's context
 * class loader first, then on their own (this bundle's): each send runs with this bundle's loader as context, so a
 * context loader of another bundle that sees another copy of Jakarta Mail can never hand us a provider of the wrong class.
 * Blocking (connect and answer each bounded by the timeout): only on the mail thread.
 */
final class SmtpSender implements Delivery.Sender {
    private final MailComposer composer;

    SmtpSender(MailComposer composer) {
        this.composer = composer;
    }

    @Override
    public void send(Notice n, SmtpSettings s) throws MessagingException, IOException {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(SmtpSender.class.getClassLoader());
        try {
            Session session = Session.getInstance(properties(s));
            MimeMessage m = composer.compose(session, n, s);
            String protocol = s.security() == Security.SSL ? "smtps" : "smtp";
            try (Transport transport = session.getTransport(protocol)) {
                if (s.user().isEmpty()) {
                    transport.connect(s.host(), s.port(), null, null);
                } else {
                    transport.connect(s.host(), s.port(), s.user(), s.password());
                }
                transport.sendMessage(m, m.getAllRecipients());
            }
        } finally {
            t.setContextClassLoader(before);
        }
    }

    static Properties properties(SmtpSettings s) {
        Properties p = new Properties();
        String timeout = Long.toString(s.timeout().toMillis());
        for (String protocol : new String[] {"smtp", "smtps"}) {
            String k = "mail." + protocol + ".";
            p.setProperty(k + "host", s.host());
            p.setProperty(k + "port", Integer.toString(s.port()));
            p.setProperty(k + "connectiontimeout", timeout);
            p.setProperty(k + "timeout", timeout);
            p.setProperty(k + "writetimeout", timeout);
            p.setProperty(k + "auth", Boolean.toString(!s.user().isEmpty()));
            p.setProperty(k + "ssl.checkserveridentity", "true");
            p.setProperty(k + "from", s.from());
        }
        if (s.security() == Security.STARTTLS) {
            p.setProperty("mail.smtp.starttls.enable", "true");
            p.setProperty("mail.smtp.starttls.required", "true"); // never fall back to plain text with a password
        }
        return p;
    }
}
