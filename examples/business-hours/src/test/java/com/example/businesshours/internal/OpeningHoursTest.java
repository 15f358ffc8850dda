package com.example.businesshours.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;

class OpeningHoursTest {
    // 2026-12-07 is a Monday; 2026-12-12 a Saturday.
    private static final OpeningHours OFFICE = OpeningHours.parse(new String[] {"MON-FRI"}, "09:00", "17:00", "UTC");

    @Test
    void openFromTheOpeningMinuteUntilJustBeforeClosing() {
        assertFalse(OFFICE.isOpen(Instant.parse("2026-12-07T08:59:59Z")));
        assertTrue(OFFICE.isOpen(Instant.parse("2026-12-07T09:00:00Z")));
        assertTrue(OFFICE.isOpen(Instant.parse("2026-12-07T16:59:59Z")));
        assertFalse(OFFICE.isOpen(Instant.parse("2026-12-07T17:00:00Z")));
    }

    @Test
    void closedOnDaysNotListed() {
        assertFalse(OFFICE.isOpen(Instant.parse("2026-12-12T10:00:00Z")));
    }

    @Test
    void hoursAreInTheConfiguredZone() {
        OpeningHours paris = OpeningHours.parse(new String[] {"MON-FRI"}, "09:00", "17:00", "Europe/Paris");
        assertTrue(paris.isOpen(Instant.parse("2026-12-07T08:30:00Z"))); // 09:30 in Paris (UTC+1 in winter)
        assertFalse(paris.isOpen(Instant.parse("2026-12-07T16:30:00Z"))); // 17:30 in Paris
    }

    @Test
    void aPeriodClosingBeforeItOpensRunsIntoTheNextDay() {
        OpeningHours night = OpeningHours.parse(new String[] {"MON-FRI"}, "22:00", "06:00", "UTC");
        assertTrue(night.isOpen(Instant.parse("2026-12-11T23:00:00Z"))); // Friday night
        assertTrue(night.isOpen(Instant.parse("2026-12-12T05:59:00Z"))); // Saturday morning, after Friday
        assertFalse(night.isOpen(Instant.parse("2026-12-12T06:00:00Z")));
        assertFalse(night.isOpen(Instant.parse("2026-12-07T05:00:00Z"))); // Monday morning: Sunday is not listed
    }

    @Test
    void closingAtMidnightMeansUntilTheEndOfTheDay() {
        OpeningHours late = OpeningHours.parse(new String[] {"MON"}, "09:00", "00:00", "UTC");
        assertTrue(late.isOpen(Instant.parse("2026-12-07T23:59:59Z")));
        assertFalse(late.isOpen(Instant.parse("2026-12-08T00:00:00Z")));
    }

    @Test
    void daysTakeRangesListsAndFullNamesAndWrapOverTheWeekend() {
        assertEquals(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY),
                OpeningHours.days(new String[] {"SAT-MON"}));
        assertEquals(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY),
                OpeningHours.days(new String[] {"mon, Wednesday", "FRI"}));
    }

    @Test
    void badValuesAreRefusedNamingTheKeyAndTheFix() {
        assertMessage("days: 'MOX' is not a day", () -> OpeningHours.parse(new String[] {"MOX"}, "09:00", "17:00", "UTC"));
        assertMessage("days is empty", () -> OpeningHours.parse(new String[] {" "}, "09:00", "17:00", "UTC"));
        assertMessage("open: '9h' is not a time of day; use HH:MM",
                () -> OpeningHours.parse(new String[] {"MON"}, "9h", "17:00", "UTC"));
        assertMessage("timezone: 'Europe/Parys' is not a time zone",
                () -> OpeningHours.parse(new String[] {"MON"}, "09:00", "17:00", "Europe/Parys"));
    }

    private static void assertMessage(String start, Runnable parse) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, parse::run);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
