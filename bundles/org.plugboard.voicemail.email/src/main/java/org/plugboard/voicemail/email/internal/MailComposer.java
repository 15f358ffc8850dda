package org.plugboard.voicemail.email.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

/**
 * Writes the mail for one message: subject and body name the mailbox, the caller, the time and the length; the WAV
 * is attached when attachments are on and it fits, else the body says why it is not. The file is read here, on the
 * mail thread, each attempt: the owner may delete the message meanwhile, and then the mail says so.
 */
final class MailComposer {
    static final String WAV = "audio/wav";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    private final ZoneId zone;

    MailComposer(ZoneId zone) {
        this.zone = zone;
    }

    MimeMessage compose(Session session, Notice n, SmtpSettings s) throws MessagingException, IOException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(s.from()));
        m.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(n.to()));
        m.setSubject(subject(n), "UTF-8");
        m.setSentDate(Date.from(n.received()));
        m.setHeader("X-Plugboard-Mailbox", n.mailbox());
        m.setHeader("X-Plugboard-Message", n.messageId());

        byte[] wav = null;
        String note;
        if (!s.attach()) {
            note = "The recording is not attached: attachments are off (attach = false in etc/" + EmailConfig.PID + ".cfg).";
        } else {
            try {
                long size = Files.size(n.file());
                if (size > s.maxAttachmentBytes()) {
                    note = "The recording is not attached: it is " + size + " bytes, over the limit of " + s.maxAttachmentBytes()
                            + " bytes (max.attachment.bytes). Call your voicemail to listen to it.";
                } else {
                    wav = Files.readAllBytes(n.file());
                    note = "The recording is attached (" + fileName(n) + ").";
                }
            } catch (NoSuchFileException e) {
                note = "The recording is not attached: the message was deleted before this mail was sent.";
            }
        }
        MimeBodyPart text = new MimeBodyPart();
        text.setText(body(n, note), StandardCharsets.UTF_8.name());
        MimeMultipart parts = new MimeMultipart();
        parts.addBodyPart(text);
        if (wav != null) {
            MimeBodyPart audio = new MimeBodyPart();
            audio.setDataHandler(new DataHandler(new ByteArrayDataSource(wav, WAV)));
            audio.setFileName(fileName(n));
            audio.setDisposition(MimeBodyPart.ATTACHMENT);
            parts.addBodyPart(audio);
        }
        m.setContent(parts);
        m.saveChanges();
        return m;
    }

    static String subject(Notice n) {
        return "Voice message for " + n.mailbox() + " from " + n.caller() + " (" + length(n.length()) + ")";
    }

    String body(Notice n, String note) {
        return "New voice message in mailbox " + n.mailbox() + ".\n\n"
                + "From:     " + n.caller() + "\n"
                + "Received: " + TIME.format(n.received().atZone(zone)) + "\n"
                + "Length:   " + length(n.length()) + " (" + n.length().toSeconds() + " s)\n"
                + "Message:  " + n.messageId() + "\n\n"
                + note + "\n";
    }

    static String fileName(Notice n) {
        return "voicemail-" + n.mailbox() + "-" + n.messageId() + ".wav";
    }

    /** {@code m:ss}, as phones show call lengths. */
    static String length(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s / 60 + ":" + String.format("%02d", s % 60);
    }
}
