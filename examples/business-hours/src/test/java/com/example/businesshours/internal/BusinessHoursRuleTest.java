package com.example.businesshours.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Diversion;
import org.plugboard.api.service.Outcome;

class BusinessHoursRuleTest {
    private static final OpeningHours OFFICE = OpeningHours.parse(new String[] {"MON-FRI"}, "09:00", "17:00", "UTC");
    private static final Clock MONDAY_EVENING = Clock.fixed(Instant.parse("2026-12-07T18:30:00Z"), ZoneOffset.UTC);
    private static final Clock MONDAY_MORNING = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

    private final BusinessHoursRule sales = new BusinessHoursRule(OFFICE, List.of("1002"), "1003");

    @Test
    void outsideHoursTheCallGoesToTheTargetWithReasonTimeOfDay() {
        Outcome o = sales.decide(Requests.routedTo("1002", MONDAY_EVENING));
        assertEquals(new Outcome.Redirect("1003", "time-of-day", true), o);
    }

    @Test
    void duringHoursTheCallGoesOn() {
        assertEquals(Outcome.proceed(), sales.decide(Requests.routedTo("1002", MONDAY_MORNING)));
    }

    @Test
    void extensionsNotListedAreLeftAloneAndAnEmptyListMeansAll() {
        assertEquals(Outcome.proceed(), sales.decide(Requests.routedTo("1004", MONDAY_EVENING)));
        BusinessHoursRule everyone = new BusinessHoursRule(OFFICE, List.of(), "1003");
        assertEquals(Outcome.redirect("1003", "time-of-day"), everyone.decide(Requests.routedTo("1004", MONDAY_EVENING)));
    }

    @Test
    void theTargetIsNeverSentAwayEvenWhenItIsCovered() {
        BusinessHoursRule everyone = new BusinessHoursRule(OFFICE, List.of(), "1003");
        assertEquals(Outcome.proceed(), everyone.decide(Requests.routedTo("1003", MONDAY_EVENING)));
    }

    @Test
    void aCallAlreadyDivertedByTimeOfDayIsNotDivertedAgain() {
        // Two rules sending to each other's extensions would otherwise loop.
        BusinessHoursRule other = new BusinessHoursRule(OFFICE, List.of("1004"), "1002");
        Requests diverted = Requests.routedTo("1004", MONDAY_EVENING).divertedBy(new Diversion("1002", "1004", "time-of-day"));
        assertEquals(Outcome.proceed(), other.decide(diverted));
        Requests forwarded = Requests.routedTo("1004", MONDAY_EVENING).divertedBy(new Diversion("1002", "1004", "user-busy"));
        assertEquals(Outcome.redirect("1002", "time-of-day"), other.decide(forwarded));
    }

    @Test
    void onlyTheRoutedPointIsServed() {
        assertEquals(Outcome.proceed(), sales.decide(Requests.routedTo("1002", MONDAY_EVENING).at(DetectionPoint.NO_ANSWER)));
    }

    @Test
    void aTargetIsRequired() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BusinessHoursRule(OFFICE, List.of(), " "));
        assertEquals("target is required: the number that takes calls outside opening hours, e.g. target = 1003",
                e.getMessage());
    }
}
