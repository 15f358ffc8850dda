package org.plugboard.cdr.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;

class ArgsTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T15:30:00Z"), ZoneId.of("Europe/Berlin"));

    private Instant t(String v) {
        return Args.time("--since", v, clock);
    }

    @Test
    void localTimesInThePbxZone() {
        assertEquals(Instant.parse("2026-11-23T09:00:00Z"), t("2026-11-23T10:00"));
        assertEquals(Instant.parse("2026-11-23T09:00:30Z"), t("2026-11-23T10:00:30"));
        assertEquals(Instant.parse("2026-11-23T09:00:00Z"), t("2026-11-23 10:00"));
        assertEquals(Instant.parse("2026-11-22T23:00:00Z"), t("2026-11-23"));
        assertEquals(Instant.parse("2026-11-23T09:00:00Z"), t("10:00"));
    }

    @Test
    void explicitOffsetsAndAgo() {
        assertEquals(Instant.parse("2026-11-23T10:00:00Z"), t("2026-11-23T10:00Z"));
        assertEquals(Instant.parse("2026-11-23T08:00:00Z"), t("2026-11-23T10:00+02:00"));
        assertEquals(Instant.parse("2026-11-23T08:00:00Z"), t("2026-11-23T10:00:00+0200"));
        assertEquals(Instant.parse("2026-11-23T13:30:00Z"), t("2h"));
        assertEquals(Instant.parse("2026-11-23T15:00:00Z"), t("30m"));
        assertEquals(Instant.parse("2026-11-16T15:30:00Z"), t("7d"));
        assertNull(t(null));
    }

    @Test
    void badTimesNameTheOptionAndTheForms() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t("yesterday"));
        assertTrue(e.getMessage().startsWith("'yesterday' is not a valid --since time"), e.getMessage());
        assertTrue(e.getMessage().contains("2026-11-23T10:00"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t("2026-13-01"));
        assertThrows(IllegalArgumentException.class, () -> t("25:00"));
    }

    @Test
    void enumValuesAreCaseInsensitiveAndErrorsListTheValidOnes() {
        assertEquals(Disposition.NO_ANSWER, Args.constant(Disposition.class, "disposition", "no-answer"));
        assertEquals(CallTag.CALLER_BYE, Args.constant(CallTag.class, "tag", "caller_bye"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Args.constant(Disposition.class, "disposition", "HUNG"));
        assertEquals("'HUNG' is not a valid disposition: use one of ANSWERED, NO_ANSWER, BUSY, CANCELLED, FAILED",
                e.getMessage());
    }
}
