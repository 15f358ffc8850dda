package org.plugboard.groups.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Diversion;
import org.plugboard.api.service.Outcome;

/** The groups call service's decision for each point, strategy and destination. */
class NoAnswerRuleTest {
    private static final RingGroup SALES = new RingGroup("600", "Sales", Strategy.SIMULTANEOUS, 12, 15, "1004",
            List.of("1002", "1003"));
    private static final RingGroup HUNT = new RingGroup("601", "Support", Strategy.SEQUENTIAL, 30, 10, "0800123",
            List.of("1002", "1003"));
    private static final RingGroup ROBIN = new RingGroup("602", "Desk", Strategy.ROUND_ROBIN, 30, 10, "600", List.of("1002"));
    private static final RingGroup NOWHERE = new RingGroup("603", "No destination", Strategy.SIMULTANEOUS, 20, 15, null,
            List.of("1002"));
    private static final RingGroup EMPTY = new RingGroup("604", "Empty", Strategy.SIMULTANEOUS, 20, 15, "1004", List.of());

    private final NoAnswerRule rule = new NoAnswerRule(() -> GroupsState.of(List.of(SALES, HUNT, ROBIN, NOWHERE, EMPTY), List.of()));

    @Test
    void aSimultaneousGroupRingsForItsOwnTime() {
        assertEquals(Outcome.ringTimeout(12), rule.decide(Requests.at(DetectionPoint.ROUTED, "600")));
    }

    @Test
    void huntsAndMemberlessGroupsSetNoRingTimeAtRouted() {
        assertEquals(Outcome.proceed(), rule.decide(Requests.at(DetectionPoint.ROUTED, "601")));
        assertEquals(Outcome.proceed(), rule.decide(Requests.at(DetectionPoint.ROUTED, "602")));
        assertEquals(Outcome.proceed(), rule.decide(Requests.at(DetectionPoint.ROUTED, "604")));
    }

    @Test
    void noAnswerBusyAndUnreachableGoToTheDestinationWithTheirReason() {
        assertEquals(Outcome.redirect("1004", "no-answer"), rule.decide(Requests.at(DetectionPoint.NO_ANSWER, "600")));
        assertEquals(Outcome.redirect("1004", "user-busy"), rule.decide(Requests.at(DetectionPoint.BUSY, "600")));
        assertEquals(Outcome.redirect("1004", "unavailable"), rule.decide(Requests.at(DetectionPoint.UNREACHABLE, "600")));
        assertEquals(Outcome.redirect("0800123", "no-answer"), rule.decide(Requests.at(DetectionPoint.NO_ANSWER, "601")));
        assertEquals(Outcome.redirect("600", "user-busy"), rule.decide(Requests.at(DetectionPoint.BUSY, "602")));
        assertEquals(Outcome.redirect("1004", "unavailable"), rule.decide(Requests.at(DetectionPoint.UNREACHABLE, "604")));
    }

    @Test
    void aGroupWithoutDestinationAndOtherNumbersAreLeftAlone() {
        for (DetectionPoint p : DetectionPoint.values()) {
            assertEquals(Outcome.proceed(), rule.decide(Requests.at(p, "1002")), p.name());
            if (p != DetectionPoint.ROUTED) {
                assertEquals(Outcome.proceed(), rule.decide(Requests.at(p, "603")), p.name());
            }
        }
        assertEquals(Outcome.ringTimeout(20), rule.decide(Requests.at(DetectionPoint.ROUTED, "603")));
    }

    @Test
    void answeredAndReleasedAreIgnored() {
        assertEquals(Outcome.proceed(), rule.decide(Requests.at(DetectionPoint.ANSWERED, "600")));
        assertEquals(Outcome.proceed(), rule.decide(Requests.at(DetectionPoint.RELEASED, "600")));
        assertEquals(Outcome.proceed(), rule.decide(Requests.at(DetectionPoint.ORIGINATING, "600")));
    }

    @Test
    void aDestinationTheCallCameFromIsNotRedirectedToAgain() {
        // 600 -> (no answer) 602 -> (busy) 600 would be a loop: 602 lets the call end as it is
        Requests back = Requests.forwarded(DetectionPoint.BUSY, new Diversion("600", "602", "no-answer"));
        assertEquals(Outcome.proceed(), rule.decide(back));
        // a forwarded call reaching 600 from 1003 still goes on to 600's destination
        Requests on = Requests.forwarded(DetectionPoint.NO_ANSWER, new Diversion("1003", "600", "unconditional"));
        assertEquals(Outcome.redirect("1004", "no-answer"), rule.decide(on));
    }
}
