package org.plugboard.serviceplans.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.settingsdb.Transactions;

/** The component on a real H2 database: writes reach the database first, activation loads them all back. */
class StoredServicePlansTest {
    private final JdbcDataSource db = new JdbcDataSource();

    StoredServicePlansTest() {
        db.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @Test
    void aFreshDatabaseHasNoPlanAndAnswersNull() {
        StoredServicePlans plans = new StoredServicePlans(db);
        assertNull(plans.services("1002", DetectionPoint.ROUTED));
        assertTrue(plans.table().plans().isEmpty());
    }

    @Test
    void everythingWrittenIsThereAfterTheNextActivation() {
        StoredServicePlans plans = new StoredServicePlans(db);
        plans.setPlan("*", null, List.of("screening", "forwarding"));
        plans.setPlan("Sales", null, List.of("business-hours", "forwarding"));
        plans.setPlan("sales", DetectionPoint.BUSY, List.of("forwarding"));
        plans.setPlan("1002", DetectionPoint.ROUTED, List.of("dnd", "forwarding"));
        plans.setPlan("600", null, List.of("none"));
        plans.assign("1002", "sales");
        plans.assign("1003", "reception");
        plans.assign("1003", "sales"); // moves: one class at most

        StoredServicePlans again = new StoredServicePlans(db); // a restart or bundle update: load from the tables
        assertEquals(List.of("dnd", "forwarding"), again.services("1002", DetectionPoint.ROUTED));
        assertEquals(List.of("forwarding"), again.services("1002", DetectionPoint.BUSY));
        assertEquals(List.of("business-hours", "forwarding"), again.services("1003", DetectionPoint.ROUTED));
        assertEquals(List.of("screening", "forwarding"), again.services("1004", DetectionPoint.ORIGINATING));
        assertEquals(List.of(), again.services("600", DetectionPoint.ROUTED));
        assertEquals(List.of("1002", "1003"), again.table().members("sales"));
        assertEquals(plans.table().plans(), again.table().plans());
        assertEquals(plans.table().classes(), again.table().classes());
    }

    @Test
    void clearsAndUnassignmentsReachTheDatabase() {
        StoredServicePlans plans = new StoredServicePlans(db);
        plans.setPlan("1002", null, List.of("a"));
        plans.setPlan("1002", DetectionPoint.BUSY, List.of("b"));
        plans.setPlan("sales", null, List.of("c"));
        plans.setPlan("*", null, List.of("d"));
        plans.assign("1002", "sales");

        assertTrue(plans.clearPlan("1002", DetectionPoint.BUSY));
        assertEquals(false, plans.clearPlan("1002", DetectionPoint.BUSY));
        assertEquals(1, plans.clearScope("1002"));
        assertEquals(0, plans.clearScope("1002"));
        assertEquals("sales", plans.unassign("1002"));
        assertNull(plans.unassign("1002"));

        StoredServicePlans again = new StoredServicePlans(db);
        assertEquals(List.of("d"), again.services("1002", DetectionPoint.BUSY));
        assertTrue(again.table().classes().isEmpty());
        assertEquals(List.of("*", "sales"), List.copyOf(again.table().plans().keySet()));
    }

    @Test
    void aSetReplacesTheWholeListInOrder() {
        StoredServicePlans plans = new StoredServicePlans(db);
        plans.setPlan("1002", null, List.of("a", "b", "c"));
        plans.setPlan("1002", null, List.of("c", "a"));
        assertEquals(List.of("c", "a"), new StoredServicePlans(db).services("1002", DetectionPoint.ROUTED));
    }

    @Test
    void aFailedWriteChangesNothingACallSees() throws SQLException {
        StoredServicePlans plans = new StoredServicePlans(db);
        plans.setPlan("1002", null, List.of("a"));
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE service_plan_entry");
        }
        Transactions.StorageException e = assertThrows(Transactions.StorageException.class,
                () -> plans.setPlan("1002", null, List.of("b")));
        assertTrue(e.getMessage().startsWith("Could not set the service plan of 1002 at ALL: "), e.getMessage());
        assertEquals(List.of("a"), plans.services("1002", DetectionPoint.ROUTED));
    }

    @Test
    void badInputIsRefusedBeforeTheDatabase() {
        StoredServicePlans plans = new StoredServicePlans(db);
        assertThrows(IllegalArgumentException.class, () -> plans.setPlan("no such scope!", null, List.of("a")));
        assertThrows(IllegalArgumentException.class, () -> plans.setPlan("1002", null, List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> plans.assign("sales", "1002"));
        assertTrue(plans.table().plans().isEmpty());
        assertTrue(plans.table().classes().isEmpty());
    }
}
