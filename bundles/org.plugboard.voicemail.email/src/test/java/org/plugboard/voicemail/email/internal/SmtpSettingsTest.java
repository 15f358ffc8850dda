package org.plugboard.voicemail.email.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SmtpSettingsTest {
    @Test
    void retriesWaitTwiceAsLongUpToTheCap() {
        SmtpSettings s = SmtpSettings.of(Configs.email(Map.of("retry.delay.ms", 1000L, "retry.max.delay.ms", 5000L)));
        assertEquals(Duration.ofMillis(1000), s.delayBefore(1));
        assertEquals(Duration.ofMillis(2000), s.delayBefore(2));
        assertEquals(Duration.ofMillis(4000), s.delayBefore(3));
        assertEquals(Duration.ofMillis(5000), s.delayBefore(4));
        assertEquals(Duration.ofMillis(5000), s.delayBefore(60));
    }

    @Test
    void theLogNeverShowsThePassword() {
        SmtpSettings s = SmtpSettings.of(Configs.email(Map.of("smtp.user", "vm", "smtp.password", "s3cret")));
        assertTrue(s.describe().contains("user vm"));
        assertFalse(s.describe().contains("s3cret"));
        assertFalse(s.toString().contains("s3cret"));
    }

    @Test
    void aBadSenderIsRefusedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SmtpSettings.of(Configs.email(Map.of("from", "voicemail"))));
        assertTrue(e.getMessage().startsWith("from:"), e.getMessage());
    }

    @Test
    void starttlsIsRequiredNotJustTried() {
        var p = SmtpSender.properties(SmtpSettings.of(Configs.email(Map.of("smtp.security", EmailConfig.Security.STARTTLS))));
        assertEquals("true", p.getProperty("mail.smtp.starttls.enable"));
        assertEquals("true", p.getProperty("mail.smtp.starttls.required"));
    }
}
