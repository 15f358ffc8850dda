package org.plugboard.serviceplans.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.plugboard.api.service.DetectionPoint;

/** The lookup precedence: own plan, else the class's, else the site's, else none; a point's own list within a scope. */
class PlanTableTest {
    private static final DetectionPoint ROUTED = DetectionPoint.ROUTED;
    private static final DetectionPoint BUSY = DetectionPoint.BUSY;

    private final PlanTable table = PlanTable.EMPTY
            .withPlan("*", null, List.of("site"))
            .withPlan("sales", null, List.of("sales-all"))
            .withPlan("sales", BUSY, List.of("sales-busy"))
            .withPlan("1002", ROUTED, List.of("own-routed"))
            .withClass("1002", "sales")
            .withClass("1003", "sales");

    @Test
    void anExtensionsOwnListWinsAtItsPoint() {
        assertEquals(new PlanTable.Resolution(List.of("own-routed"), "1002", ROUTED), table.resolve("1002", ROUTED));
    }

    @Test
    void whereTheExtensionHasNoListItsClassDecides() {
        assertEquals(new PlanTable.Resolution(List.of("sales-busy"), "sales", BUSY), table.resolve("1002", BUSY));
        assertEquals(new PlanTable.Resolution(List.of("sales-all"), "sales", null), table.resolve("1002", DetectionPoint.NO_ANSWER));
        assertEquals(List.of("sales-all"), table.resolve("1003", ROUTED).services());
    }

    @Test
    void withoutOwnOrClassPlanTheSiteDefaultDecides() {
        assertEquals(new PlanTable.Resolution(List.of("site"), "*", null), table.resolve("1004", ROUTED));
    }

    @Test
    void aNumberThatIsNoExtensionIsLookedUpByItsNumber() {
        PlanTable t = table.withPlan("600", null, List.of("ring-group"));
        assertEquals(List.of("ring-group"), t.resolve("600", ROUTED).services());
        assertEquals(List.of("site"), t.resolve("+4930123456", ROUTED).services());
    }

    @Test
    void aServedUserThatIsNoNumberNeverHitsAClassPlan() {
        assertEquals("*", table.resolve("sales", ROUTED).scope());
        assertEquals("*", table.resolve("anonymous", ROUTED).scope());
        assertEquals("*", table.resolve(null, ROUTED).scope());
    }

    @Test
    void noPlanAnywhereIsNoOpinion() {
        PlanTable t = table.withoutScope("*");
        assertNull(t.resolve("1004", ROUTED));
        assertNull(PlanTable.EMPTY.resolve("1002", ROUTED));
    }

    @Test
    void anEmptyListDecidesThatNothingRuns() {
        PlanTable t = table.withPlan("1003", null, List.of());
        assertEquals(new PlanTable.Resolution(List.of(), "1003", null), t.resolve("1003", BUSY));
    }

    @Test
    void clearingAListFallsBackToTheNextOne() {
        PlanTable t = table.withoutPlan("sales", BUSY);
        assertEquals(List.of("sales-all"), t.resolve("1002", BUSY).services());
        t = t.withoutPlan("sales", null);
        assertEquals(List.of("site"), t.resolve("1002", BUSY).services());
        assertEquals(List.of("own-routed"), t.resolve("1002", ROUTED).services());
        assertEquals(false, t.plans().containsKey("sales"));
    }

    @Test
    void aClassChangeOrUnassignmentTakesEffect() {
        PlanTable t = table.withPlan("reception", null, List.of("rec")).withClass("1003", "reception");
        assertEquals(List.of("rec"), t.resolve("1003", ROUTED).services());
        assertEquals(List.of("1002"), t.members("sales"));
        assertEquals(List.of("site"), t.withoutClass("1003").resolve("1003", ROUTED).services());
    }

    @Test
    void aWriteLeavesTheEarlierTableAsItWas() {
        PlanTable before = table;
        before.withPlan("1004", null, List.of("x")).withClass("1004", "sales");
        assertEquals(List.of("site"), before.resolve("1004", ROUTED).services());
    }

    @Test
    void scopesSortSiteThenClassesThenNumbers() {
        List<String> s = new ArrayList<>(List.of("1002", "sales", "*", "600", "+49301", "reception"));
        s.sort(PlanTable::compareScopes);
        assertEquals(List.of("*", "reception", "sales", "600", "1002", "+49301"), s);
    }
}
