package org.plugboard.trunks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.routing.CallAdmission.Refusal;
import org.plugboard.trunks.internal.TrunkLimits.Direction;
import org.plugboard.trunks.internal.TrunkLimits.Slot;

class TrunkLimitsTest {
    private static final Slot IN_T = new Slot("t", Direction.INBOUND);
    private static final Slot OUT_T = new Slot("t", Direction.OUTBOUND);
    private static final Slot OUT_U = new Slot("u", Direction.OUTBOUND);

    private final Map<String, TrunkSettings> trunks = Map.of(
            "t", TrunkSettingsTest.settings("t", "2", "0"),
            "u", TrunkSettingsTest.settings("u", "", "1"));
    private final TrunkLimits limits = new TrunkLimits();

    private Refusal admit(String call, Slot... slots) {
        return limits.admit(call, List.of(slots), trunks::get, 1000);
    }

    @Test
    void inboundUpToTheLimitThenTrunkBusyAndASlotComesBackOnRelease() {
        assertNull(admit("a", IN_T));
        assertNull(admit("b", IN_T));
        Refusal third = admit("c", IN_T);
        assertNotNull(third);
        assertEquals(503, third.status());
        assertEquals("Trunk Busy", third.phrase());
        assertEquals(34, third.q850Cause());
        assertEquals(CallTag.SYSTEM, third.tag());
        assertEquals("Trunk t: all 2 inbound calls in use (max.inbound=2)", third.text());
        assertEquals(2, limits.count("t", Direction.INBOUND));
        limits.release("c"); // the refused call's release holds nothing
        assertEquals(2, limits.count("t", Direction.INBOUND));
        limits.release("a");
        limits.release("a"); // twice: still one slot given back
        assertEquals(1, limits.count("t", Direction.INBOUND));
        assertNull(admit("d", IN_T));
    }

    @Test
    void zeroRefusesEveryCallThatWayAndDirectionsAreIndependent() {
        Refusal out = admit("a", OUT_T);
        assertEquals("Trunk t takes no outbound calls (max.outbound=0)", out.text());
        assertNull(admit("b", OUT_U));
        assertNotNull(admit("c", OUT_U));
        assertNull(admit("d", IN_T), "outbound full does not touch inbound");
    }

    @Test
    void aCallTakesAllItsSlotsOrNone() {
        assertNull(admit("a", OUT_U)); // u outbound full now
        assertNotNull(admit("b", IN_T, OUT_U));
        assertEquals(0, limits.count("t", Direction.INBOUND), "the inbound slot of the refused call was not kept");
    }

    @Test
    void unlimitedAndUnknownTrunksAreNotRefused() {
        for (int i = 0; i < 100; i++) {
            assertNull(admit("x" + i, new Slot("u", Direction.INBOUND), new Slot("gone", Direction.OUTBOUND)));
        }
        assertEquals(100, limits.count("u", Direction.INBOUND));
        assertEquals(0, limits.count("gone", Direction.OUTBOUND));
    }

    @Test
    void sweepGivesBackSlotsOfCallsThatAreGoneOnlyWhenOldEnough() {
        assertNull(admit("a", IN_T));
        assertNull(admit("b", IN_T));
        assertEquals(List.of(), limits.sweep(Set.of("b"), 500), "admitted at 1000: too young at 500");
        assertEquals(List.of("a: t inbound"), limits.sweep(Set.of("b"), 2000));
        assertEquals(1, limits.count("t", Direction.INBOUND));
    }

    @Test
    void countsSurviveTheHandOverToTheNextVersion() {
        assertNull(admit("a", IN_T));
        assertNull(admit("b", IN_T, OUT_U));
        TrunkLimits next = new TrunkLimits();
        assertEquals(0, next.restore(limits.save()));
        assertEquals(2, next.count("t", Direction.INBOUND));
        assertEquals(1, next.count("u", Direction.OUTBOUND));
        next.release("b");
        assertEquals(1, next.count("t", Direction.INBOUND));
        assertEquals(0, next.count("u", Direction.OUTBOUND));
        assertEquals(1, next.restore(List.of(Map.of("call", "z", "trunk", "t", "direction", "SIDEWAYS", "since", 1L))));
        assertTrue(next.calls() == 1, "a state of an unknown shape is dropped");
    }
}
