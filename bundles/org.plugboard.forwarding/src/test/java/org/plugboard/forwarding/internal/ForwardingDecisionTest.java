package org.plugboard.forwarding.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Outcome;

/** Which outcome forwarding gives at which point for which settings. */
class ForwardingDecisionTest {
    private static final Set<String> EXTENSIONS = Set.of("1001", "1002", "1003", "1004");
    private static final int DEFAULT_SECONDS = 20;

    private final Map<String, Settings> table = new HashMap<>();
    private final List<String> notApplied = new ArrayList<>();
    private final ForwardingDecision decision = new ForwardingDecision(n -> table.getOrDefault(n, Settings.none(n)),
            new Targets(EXTENSIONS::contains), (s, k, t, p) -> notApplied.add(s.extension() + " " + k + " " + t + " " + p));

    private void set(String ext, Kind kind, String target, Integer seconds) {
        table.put(ext, table.getOrDefault(ext, Settings.none(ext)).with(kind, target, seconds));
    }

    private Outcome at(DetectionPoint point, String callee) {
        return decision.decide(Requests.at(point, callee), DEFAULT_SECONDS);
    }

    @Test
    void nothingSetNothingChanges() {
        for (DetectionPoint p : DetectionPoint.values()) {
            assertEquals(Outcome.proceed(), at(p, "1002"), p.name());
        }
    }

    @Test
    void unconditionalRedirectsAtRouted() {
        set("1002", Kind.CFU, "1003", null);
        assertEquals(Outcome.redirect("1003", "unconditional"), at(DetectionPoint.ROUTED, "1002"));
        assertEquals(Outcome.proceed(), at(DetectionPoint.ROUTED, "1003"), "only the extension that set it");
    }

    @Test
    void unconditionalWinsOverNoAnswerAtRouted() {
        set("1002", Kind.CFNR, "1004", 10);
        set("1002", Kind.CFU, "1003", null);
        assertEquals(Outcome.redirect("1003", "unconditional"), at(DetectionPoint.ROUTED, "1002"));
    }

    @Test
    void noAnswerShortensTheRingTimeAtRoutedAndRedirectsAtNoAnswer() {
        set("1002", Kind.CFNR, "1003", 7);
        assertEquals(Outcome.ringTimeout(7), at(DetectionPoint.ROUTED, "1002"));
        assertEquals(Outcome.redirect("1003", "no-answer"), at(DetectionPoint.NO_ANSWER, "1002"));
        assertEquals(Outcome.proceed(), at(DetectionPoint.BUSY, "1002"));
        assertEquals(Outcome.proceed(), at(DetectionPoint.UNREACHABLE, "1002"));
    }

    @Test
    void noAnswerWithoutItsOwnTimeRingsTheConfiguredDefault() {
        set("1002", Kind.CFNR, "1003", null);
        assertEquals(Outcome.ringTimeout(DEFAULT_SECONDS), at(DetectionPoint.ROUTED, "1002"));
    }

    @Test
    void busyAndUnreachableRedirectAtTheirPointsWithTheirReasons() {
        set("1002", Kind.CFB, "1003", null);
        set("1002", Kind.CFNRC, "1004", null);
        assertEquals(Outcome.proceed(), at(DetectionPoint.ROUTED, "1002"));
        assertEquals(Outcome.redirect("1003", "user-busy"), at(DetectionPoint.BUSY, "1002"));
        assertEquals(Outcome.redirect("1004", "unavailable"), at(DetectionPoint.UNREACHABLE, "1002"));
        assertEquals(Outcome.proceed(), at(DetectionPoint.NO_ANSWER, "1002"));
    }

    @Test
    void answeredReleasedAndOriginatingAreLeftAlone() {
        set("1002", Kind.CFU, "1003", null);
        assertEquals(Outcome.proceed(), at(DetectionPoint.ANSWERED, "1002"));
        assertEquals(Outcome.proceed(), at(DetectionPoint.RELEASED, "1002"));
        assertEquals(Outcome.proceed(), at(DetectionPoint.ORIGINATING, "1002"));
    }

    @Test
    void anOutsideTargetWithoutThePermissionIsNotAppliedAndReported() {
        set("1002", Kind.CFU, "0612345678", null);
        set("1002", Kind.CFB, "1003", null);
        assertEquals(Outcome.proceed(), at(DetectionPoint.ROUTED, "1002"), "as if none were set");
        assertEquals(Outcome.redirect("1003", "user-busy"), at(DetectionPoint.BUSY, "1002"), "the others still apply");
        assertEquals(List.of("1002 CFU 0612345678 NOT_PERMITTED"), notApplied);
    }

    @Test
    void anOutsideTargetWithThePermissionIsApplied() {
        set("1002", Kind.CFNRC, "+33612345678", null);
        table.put("1002", table.get("1002").external(true));
        assertEquals(Outcome.redirect("+33612345678", "unavailable"), at(DetectionPoint.UNREACHABLE, "1002"));
        assertTrue(notApplied.isEmpty());
    }

    @Test
    void noAnswerToAnOutsideNumberWithoutThePermissionDoesNotShortenTheRingTime() {
        set("1002", Kind.CFNR, "0612345678", 5);
        assertEquals(Outcome.proceed(), at(DetectionPoint.ROUTED, "1002"));
        assertEquals(Outcome.proceed(), at(DetectionPoint.NO_ANSWER, "1002"));
    }

    @Test
    void anExtensionNeverForwardsToItself() {
        table.put("1002", new Settings("1002", Map.of(Kind.CFB, "1002"), null, false)); // e.g. written by hand in SQL
        assertEquals(Outcome.proceed(), at(DetectionPoint.BUSY, "1002"));
        assertEquals(List.of("1002 CFB 1002 SELF"), notApplied);
    }

    @Test
    void eachHopOfAChainIsDecidedForItsOwnServedUser() {
        set("1002", Kind.CFU, "1003", null);
        set("1003", Kind.CFU, "1004", null);
        assertEquals(Outcome.redirect("1003", "unconditional"), at(DetectionPoint.ROUTED, "1002"));
        assertEquals(Outcome.redirect("1004", "unconditional"), at(DetectionPoint.ROUTED, "1003"));
        assertEquals(Outcome.proceed(), at(DetectionPoint.ROUTED, "1004"));
    }

    @Test
    void aNumberThatIsNoExtensionHasNoSettings() {
        assertEquals(Outcome.proceed(), at(DetectionPoint.ROUTED, "0612345678"));
    }
}
