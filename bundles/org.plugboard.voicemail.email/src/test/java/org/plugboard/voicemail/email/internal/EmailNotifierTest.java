package org.plugboard.voicemail.email.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The component as DS runs it (H2 for the addresses, a real SMTP server: GreenMail on 127.0.0.1, ports 43100-43199),
 * told of a message as the voicemail bundle tells it.
 */
class EmailNotifierTest {
    private static final Instant RECEIVED = Instant.parse("2026-12-06T15:04:05Z");

    @TempDir
    Path dir;

    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private AddressBook book;
    private EmailNotifier notifier;
    private GreenMail smtp;
    private byte[] wav;
    private Path file;

    @BeforeEach
    void setUp() throws Exception {
        book = new AddressBook(TestDb.fresh());
        book.set("1001", "alice@example.com").get();
        wav = Wavs.silence(3);
        file = Files.write(dir.resolve("msg-42.wav"), wav);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (notifier != null) {
            notifier.deactivate();
        }
        if (smtp != null) {
            smtp.stop();
        }
        book.deactivate();
    }

    @Test
    void aMessageIsMailedWithTheRecordingAttached() throws Exception {
        startSmtp(43101);
        notifier = notifier(43101, Map.of());
        notifier.deposited("1001", "42", "1002", RECEIVED, Duration.ofSeconds(75), file);

        MimeMessage m = onlyMail();
        assertEquals(List.of(new InternetAddress("alice@example.com")), List.of(m.getRecipients(Message.RecipientType.TO)));
        assertEquals("Voice message for 1001 from 1002 (1:15)", m.getSubject());
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertEquals(2, parts.getCount());
        String body = (String) parts.getBodyPart(0).getContent();
        assertTrue(body.contains("mailbox 1001"), body);
        assertTrue(body.contains("From:     1002"), body);
        assertTrue(body.contains("Length:   1:15 (75 s)"), body);
        assertTrue(body.contains("Received: " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z")
                .format(RECEIVED.atZone(ZoneId.systemDefault()))), body);
        assertTrue(body.contains("The recording is attached"), body);
        BodyPart audio = parts.getBodyPart(1);
        assertTrue(audio.getContentType().startsWith("audio/wav"), audio.getContentType());
        assertEquals("voicemail-1001-42.wav", audio.getFileName());
        assertArrayEquals(wav, audio.getInputStream().readAllBytes());
        waitFor(() -> notifier.counters().sent() == 1, "sent counted");
        assertEquals(0, notifier.counters().failed());
        assertTrue(warnings.isEmpty(), warnings::toString);
    }

    @Test
    void aMailboxWithoutAnAddressIsNotMailed() throws Exception {
        startSmtp(43102);
        notifier = notifier(43102, Map.of());
        notifier.deposited("1003", "7", "1002", RECEIVED, Duration.ofSeconds(5), file);
        notifier.deposited("1001", "42", "1002", RECEIVED, Duration.ofSeconds(5), file);
        assertEquals("1001", onlyMail().getHeader("X-Plugboard-Mailbox", null));
    }

    @Test
    void aRecordingOverTheLimitIsMailedWithoutItAndTheBodySaysSo() throws Exception {
        startSmtp(43103);
        notifier = notifier(43103, Map.of("max.attachment.bytes", (long) wav.length - 1));
        notifier.deposited("1001", "42", "1002", RECEIVED, Duration.ofSeconds(3), file);

        MimeMultipart parts = (MimeMultipart) onlyMail().getContent();
        assertEquals(1, parts.getCount());
        String body = (String) parts.getBodyPart(0).getContent();
        assertTrue(body.contains("not attached: it is " + wav.length + " bytes, over the limit of " + (wav.length - 1)), body);
        assertTrue(body.contains("max.attachment.bytes"), body);
    }

    @Test
    void aServerDownThenUpGetsTheMailOnARetry() throws Exception {
        notifier = notifier(43104, Map.of("retry.attempts", 20, "retry.delay.ms", 100L, "retry.max.delay.ms", 200L));
        notifier.deposited("1001", "42", "1002", RECEIVED, Duration.ofSeconds(3), file);
        waitFor(() -> notifier.counters().retried() >= 1, "a retry after the refused connection");
        assertEquals(0, notifier.counters().sent());
        assertTrue(notifier.counters().lastError().what().contains("retrying"), notifier.counters().lastError()::what);

        startSmtp(43104);
        MimeMultipart parts = (MimeMultipart) onlyMail().getContent();
        assertArrayEquals(wav, parts.getBodyPart(1).getInputStream().readAllBytes());
        waitFor(() -> notifier.counters().sent() == 1, "sent counted");
        assertEquals(0, notifier.counters().failed());
        assertEquals(0, notifier.counters().pending());
        assertTrue(warnings.isEmpty(), warnings::toString);
    }

    @Test
    void aServerDownForGoodCountsOneFailureAndWarnsOnce() throws Exception {
        notifier = notifier(43105, Map.of("retry.attempts", 3, "retry.delay.ms", 10L, "retry.max.delay.ms", 40L));
        notifier.deposited("1001", "42", "1002", RECEIVED, Duration.ofSeconds(3), file);
        waitFor(() -> notifier.counters().failed() == 1, "the mail given up");

        Counters.Snapshot c = notifier.counters();
        assertEquals(0, c.sent());
        assertEquals(3, c.retried());
        assertEquals(0, c.pending());
        assertEquals(1, warnings.size(), warnings::toString);
        String warning = warnings.get(0);
        assertTrue(warning.contains("message 42 of mailbox 1001 to alice@example.com after 4 attempt(s)"), warning);
        assertTrue(warning.contains("43105"), warning); // the reason names where it tried
        assertTrue(warning.contains("smtp.*"), warning);
        assertTrue(c.lastError().what().contains("43105"), c.lastError().what());
    }

    @Test
    void attachmentsOffAndADeletedMessageAreSaidInTheBody() throws Exception {
        startSmtp(43106);
        notifier = notifier(43106, Map.of("attach", false));
        notifier.deposited("1001", "42", "1002", RECEIVED, Duration.ofSeconds(3), file);
        String body = (String) ((MimeMultipart) onlyMail().getContent()).getBodyPart(0).getContent();
        assertTrue(body.contains("attachments are off"), body);

        notifier.modified(Configs.email(config(43106, Map.of())));
        notifier.deposited("1001", "43", "1002", RECEIVED, Duration.ofSeconds(3), dir.resolve("msg-gone.wav"));
        assertTrue(smtp.waitForIncomingEmail(10_000, 2));
        MimeMultipart second = (MimeMultipart) smtp.getReceivedMessages()[1].getContent();
        assertEquals(1, second.getCount());
        assertTrue(((String) second.getBodyPart(0).getContent()).contains("deleted before this mail was sent"));
    }

    @Test
    void anUnknownCallerIsNamedSo() throws Exception {
        startSmtp(43107);
        notifier = notifier(43107, Map.of());
        notifier.deposited("1001", "42", null, RECEIVED, Duration.ofSeconds(3), file);
        assertEquals("Voice message for 1001 from unknown (0:03)", onlyMail().getSubject());
        assertTrue(warnings.isEmpty(), warnings::toString);
    }

    @Test
    void theServerGetsTheUserAndPassword() throws Exception {
        smtp = new GreenMail(new ServerSetup(43108, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("vm@pbx.example.com", "vm", "s3cret"));
        smtp.start();
        notifier = notifier(43108, Map.of("smtp.user", "vm", "smtp.password", "wrong", "retry.attempts", 0));
        notifier.deposited("1001", "42", "1002", RECEIVED, Duration.ofSeconds(3), file);
        waitFor(() -> notifier.counters().failed() == 1, "refused for the wrong password");
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("535"), warnings.get(0));

        notifier.modified(Configs.email(config(43108, Map.of("smtp.user", "vm", "smtp.password", "s3cret"))));
        notifier.deposited("1001", "43", "1002", RECEIVED, Duration.ofSeconds(3), file);
        assertEquals("43", onlyMail().getHeader("X-Plugboard-Message", null));
    }

    private void startSmtp(int port) {
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    private EmailNotifier notifier(int port, Map<String, Object> more) {
        return new EmailNotifier(book, Configs.email(config(port, more)), warnings::add);
    }

    private static Map<String, Object> config(int port, Map<String, Object> more) {
        Map<String, Object> p = new HashMap<>(Map.of("smtp.host", "127.0.0.1", "smtp.port", port, "from", "voicemail@pbx.example.com",
                "timeout.seconds", 5));
        p.putAll(more);
        return p;
    }

    private MimeMessage onlyMail() {
        assertTrue(smtp.waitForIncomingEmail(10_000, 1), "no mail arrived");
        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(1, received.length);
        return received[0];
    }

    private static void waitFor(BooleanSupplier effect, String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!effect.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(10); // polling for the effect, not pacing
        }
    }
}
