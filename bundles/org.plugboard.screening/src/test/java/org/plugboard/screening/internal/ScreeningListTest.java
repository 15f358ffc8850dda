package org.plugboard.screening.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The matcher: which entry of a list decides a call. */
class ScreeningListTest {
    private static Entry black(long id, String caller, String called) {
        return new Entry(id, Entry.SYSTEM, ListKind.BLACK, caller, called, 100);
    }

    private static Entry white(long id, String caller, String called) {
        return new Entry(id, Entry.SYSTEM, ListKind.WHITE, caller, called, 100);
    }

    private static Probe call(String caller, String dialled) {
        return Probe.of(caller, false, dialled);
    }

    @Test
    void theLongestCallerPrefixDecides() {
        ScreeningList list = ScreeningList.of(List.of(black(1, "0049", "*"), black(2, "004930", "*"), black(3, "*", "*")));
        assertEquals(2, list.deciding(call("00493012345", "1002")).id());
        assertEquals(1, list.deciding(call("00498912345", "1002")).id());
        assertEquals(3, list.deciding(call("0033123", "1002")).id());
    }

    @Test
    void forOneCallerKeyTheLongestCalledPrefixDecidesThenStar() {
        ScreeningList list = ScreeningList.of(List.of(black(1, "*", "0900"), black(2, "*", "09001"), black(3, "*", "*")));
        assertEquals(2, list.deciding(call("1001", "090012")).id());
        assertEquals(1, list.deciding(call("1001", "090099")).id());
        assertEquals(3, list.deciding(call("1001", "1002")).id());
    }

    @Test
    void aCallerPrefixWhoseCalledPrefixDoesNotMatchLeavesTheDecisionToShorterCallerPrefixes() {
        ScreeningList list = ScreeningList.of(List.of(black(1, "1003", "0900"), black(2, "10", "*")));
        assertEquals(1, list.deciding(call("1003", "09001")).id());
        assertEquals(2, list.deciding(call("1003", "1002")).id());
    }

    @Test
    void theCallerIsMoreSpecificThanTheCalledNumber() {
        ScreeningList list = ScreeningList.of(List.of(black(1, "*", "0900"), black(2, "1001", "*")));
        assertEquals(2, list.deciding(call("1001", "0900123")).id());
    }

    @Test
    void noEntryMatchesWhenNoPrefixFits() {
        ScreeningList list = ScreeningList.of(List.of(black(1, "0049", "*"), black(2, "*", "0900")));
        assertNull(list.deciding(call("1001", "1002")));
        assertNull(ScreeningList.EMPTY.deciding(call("1001", "1002")));
    }

    @Test
    void anonymousMatchesWithheldCallersOnlyAndBeforeTheirNumber() {
        ScreeningList list = ScreeningList.of(List.of(black(1, "anonymous", "*"), black(2, "1003", "*")));
        assertNull(list.deciding(call("1001", "1002")), "a caller with a number is no anonymous caller");
        assertEquals(1, list.deciding(Probe.of("anonymous", true, "1002")).id());
        assertEquals(1, list.deciding(Probe.of("1003", true, "1002")).id(), "Privacy: id from 1003");
        assertEquals(2, list.deciding(call("1003", "1002")).id());
        assertEquals(2, ScreeningList.of(List.of(black(2, "1003", "*"))).deciding(Probe.of("1003", true, "1002")).id(),
                "a withheld number the PBX knows is still matched by its prefix");
    }

    @Test
    void aPlusPrefixMatchesInternationalNumbersAsWritten() {
        ScreeningList list = ScreeningList.of(List.of(black(1, "+", "*"), black(2, "+49", "*")));
        assertEquals(2, list.deciding(call("+4930999", "1002")).id());
        assertEquals(1, list.deciding(call("+3312", "1002")).id());
        assertNull(list.deciding(call("004930999", "1002")));
    }

    @Test
    void whiteWinsOverBlackEvenWhenTheBlackEntryIsMoreSpecific() {
        ScreeningList list = ScreeningList.of(List.of(black(1, "10031", "1002"), white(2, "1", "*")));
        assertEquals(2, list.deciding(call("100312", "1002")).id());
        assertEquals(1, list.black(call("100312", "1002")).id());
        assertEquals(2, list.white(call("100312", "1002")).id());
    }

    @Test
    void thousandsOfEntriesAreLookedUpWithoutAScan() {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            entries.add(black(i + 1, "0049" + (1_000_000 + i), "*"));
            entries.add(black(100_000 + i, "*", "0900" + (1_000_000 + i)));
        }
        ScreeningList list = ScreeningList.of(entries);
        assertEquals(1 + 1234, list.deciding(call("00491001234999", "1002")).id());
        assertEquals(100_000 + 777, list.deciding(call("1001", "09001000777")).id());
        assertNull(list.deciding(call("1001", "1002")));
        // a million lookups: a linear scan of 40,000 entries would take minutes, the hash probes take well under a second
        Probe miss = call("00441234567890", "0800123456789");
        long start = System.nanoTime();
        for (int i = 0; i < 1_000_000; i++) {
            assertNull(list.deciding(miss));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 10_000, "1,000,000 lookups took " + millis + " ms");
    }
}
