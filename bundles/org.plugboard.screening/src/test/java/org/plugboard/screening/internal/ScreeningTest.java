package org.plugboard.screening.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Outcome;

/** The CallService decision: which list runs where, what the caller gets, rates drawn from a seeded random. */
class ScreeningTest {
    private final List<Entry> entries = new ArrayList<>();
    private final List<String> anonymousOff = new ArrayList<>();
    private Refusal refusal = Refusal.DEFAULT;

    private Screening screening(long seed) {
        ScreeningState state = ScreeningState.of(entries, anonymousOff);
        return new Screening(() -> state, () -> refusal, new Random(seed));
    }

    private void add(String owner, ListKind kind, String caller, String called, int rate) {
        entries.add(new Entry(entries.size() + 1, owner, kind, caller, called, rate));
    }

    private static Outcome.Reject rejected(Outcome o) {
        return assertInstanceOf(Outcome.Reject.class, o);
    }

    @Test
    void theSystemBlackListRefusesAnonymousCallsAtOriginatingWithTheDefaultRefusal() {
        add(Entry.SYSTEM, ListKind.BLACK, "anonymous", "*", 100);
        Screening s = screening(1);
        Outcome.Reject r = rejected(s.decide(Requests.originating("1001", "1002").anonymous()));
        assertEquals(603, r.status());
        assertEquals("Decline", r.phrase());
        assertEquals(21, r.q850Cause());
        assertEquals(CallTag.SCREENED, r.tag());
        assertEquals("Screened by the system black list, entry #1 (caller anonymous, called *)", r.text());
        rejected(s.decide(Requests.originating("1003", "1002").privacyId()));
        assertEquals(Outcome.proceed(), s.decide(Requests.originating("1001", "1002")));
    }

    @Test
    void theSystemListRunsOnceAtOriginatingNotAtRoutedAndTheOtherPointsAreLeftAlone() {
        add(Entry.SYSTEM, ListKind.BLACK, "1003", "*", 100);
        Screening s = screening(1);
        rejected(s.decide(Requests.originating("1003", "1002")));
        Requests routed = Requests.routed("1003", "1002");
        assertEquals(Outcome.proceed(), s.decide(routed), "screened once, before the call rings anyone");
        for (DetectionPoint p : List.of(DetectionPoint.BUSY, DetectionPoint.NO_ANSWER, DetectionPoint.ANSWERED, DetectionPoint.RELEASED)) {
            assertEquals(Outcome.proceed(), s.decide(routed.at(p)), p.name());
        }
    }

    @Test
    void theSystemListMatchesTheDialledNumber() {
        add(Entry.SYSTEM, ListKind.BLACK, "*", "0900", 100);
        Screening s = screening(1);
        assertEquals("Screened by the system black list, entry #1 (caller *, called 0900)",
                rejected(s.decide(Requests.originating("1001", "0900555"))).text());
        assertEquals(Outcome.proceed(), s.decide(Requests.originating("1001", "0800555")));
    }

    @Test
    void aPersonalBlackEntryOfTheCalleeRefusesOneCallerButNotAnother() {
        add("1002", ListKind.BLACK, "1003", "*", 100);
        Screening s = screening(1);
        Outcome.Reject r = rejected(s.decide(Requests.routed("1003", "1002")));
        assertEquals("Screened by 1002's black list, entry #1 (caller 1003, called *)", r.text());
        assertEquals(Outcome.proceed(), s.decide(Requests.routed("1001", "1002")));
        assertEquals(Outcome.proceed(), s.decide(Requests.routed("1003", "1004")), "another callee's list");
        assertEquals(Outcome.proceed(), s.decide(Requests.originating("1003", "1002")), "personal lists run at ROUTED");
    }

    @Test
    void aWhiteEntryOverridesABlackOneInTheSameList() {
        add(Entry.SYSTEM, ListKind.BLACK, "0049", "*", 100);
        add(Entry.SYSTEM, ListKind.WHITE, "004930", "*", 100);
        add("1002", ListKind.BLACK, "*", "*", 100);
        add("1002", ListKind.WHITE, "1001", "*", 100);
        Screening s = screening(1);
        assertEquals(Outcome.proceed(), s.decide(Requests.originating("00493055", "1002")));
        rejected(s.decide(Requests.originating("00498955", "1002")));
        assertEquals(Outcome.proceed(), s.decide(Requests.routed("1001", "1002")));
        rejected(s.decide(Requests.routed("1004", "1002")));
    }

    @Test
    void theAnonymousSwitchRefusesAnonymousCallsToItsExtensionUnlessAWhiteEntryLetsThemThrough() {
        anonymousOff.add("1002");
        Screening s = screening(1);
        Outcome.Reject r = rejected(s.decide(Requests.routed("1001", "1002").anonymous()));
        assertEquals("Screened: 1002 refuses anonymous calls", r.text());
        rejected(s.decide(Requests.routed("1003", "1002").privacyId()));
        assertEquals(Outcome.proceed(), s.decide(Requests.routed("1001", "1002")));
        assertEquals(Outcome.proceed(), s.decide(Requests.routed("1001", "1004").anonymous()));
        add("1002", ListKind.WHITE, "1003", "*", 100);
        assertEquals(Outcome.proceed(), screening(1).decide(Requests.routed("1003", "1002").privacyId()));
    }

    @Test
    void aRateRefusesThatShareOfMatchingCallsFromASeededRandom() {
        add(Entry.SYSTEM, ListKind.BLACK, "0049", "*", 30);
        Requests call = Requests.originating("0049301", "1002");
        int refused = count(screening(42), call, 10_000);
        assertTrue(refused > 2_800 && refused < 3_200, refused + " of 10000 refused at rate 30");
        assertEquals(refused, count(screening(42), call, 10_000), "the same seed, the same draws");
    }

    @Test
    void rateZeroRefusesNoneAndRateHundredEvery() {
        add(Entry.SYSTEM, ListKind.BLACK, "0049", "*", 0);
        add(Entry.SYSTEM, ListKind.BLACK, "0033", "*", 100);
        Screening s = screening(7);
        assertEquals(0, count(s, Requests.originating("0049301", "1002"), 1000));
        assertEquals(1000, count(s, Requests.originating("0033301", "1002"), 1000));
    }

    @Test
    void theMostSpecificBlackEntryDecidesWithItsOwnRate() {
        add(Entry.SYSTEM, ListKind.BLACK, "0049", "*", 100);
        add(Entry.SYSTEM, ListKind.BLACK, "004930", "*", 0); // an exception with rate 0
        Screening s = screening(3);
        assertEquals(0, count(s, Requests.originating("00493012", "1002"), 100));
        assertEquals(100, count(s, Requests.originating("00498912", "1002"), 100));
    }

    @Test
    void theConfiguredRefusalIsUsed() {
        add(Entry.SYSTEM, ListKind.BLACK, "anonymous", "*", 100);
        refusal = new Refusal(403, "Forbidden", 21);
        Outcome.Reject r = rejected(screening(1).decide(Requests.originating("x", "1002").anonymous()));
        assertEquals(403, r.status());
        assertEquals("Forbidden", r.phrase());
    }

    @Test
    void aBadRefusalIsRefusedNamingTheKey() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Refusal(200, "OK", 21)).getMessage().startsWith("status: 200"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Refusal(603, " ", 21)).getMessage().startsWith("phrase"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Refusal(603, "Decline", 300)).getMessage().startsWith("q850.cause"));
    }

    @Test
    void explainSaysWhichEntryDecidesAndWhatTheCallerGets() {
        add(Entry.SYSTEM, ListKind.BLACK, "anonymous", "*", 100);
        add("1002", ListKind.BLACK, "1003", "*", 50);
        add("1002", ListKind.WHITE, "1004", "*", 100);
        Screening s = screening(1);
        List<String> anon = s.explain("anonymous", "1002");
        assertEquals("System list:   black entry #1 (caller anonymous, called *): refuses", anon.get(0));
        assertEquals("Result: an anonymous caller -> 1002 is refused with 603 Decline, Q.850 cause 21, Reason text "
                + "'Screened by the system black list, entry #1 (caller anonymous, called *)'", anon.get(1));
        List<String> half = s.explain("1003", "1002");
        assertEquals("System list:   no entry matches: passes", half.get(0));
        assertEquals("1002's list: black entry #2 (caller 1003, called *, rate 50%): refuses 50% of such calls", half.get(1));
        assertTrue(half.get(2).startsWith("Result: 1003 -> 1002 is refused in 50% of calls with 603 Decline"), half.get(2));
        List<String> white = s.explain("1004", "1002");
        assertEquals("1002's list: white entry #3 (caller 1004, called *): passes (white wins over black)", white.get(1));
        assertEquals("Result: 1004 -> 1002 goes on (routed and rung as usual)", white.get(2));
    }

    private static int count(Screening s, Requests call, int times) {
        int refused = 0;
        for (int i = 0; i < times; i++) {
            if (s.decide(call) instanceof Outcome.Reject) {
                refused++;
            }
        }
        return refused;
    }
}
