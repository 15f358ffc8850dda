package org.plugboard.groups.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.plugboard.api.routing.Route;
import org.plugboard.settingsdb.Transactions;

/** Ring and pickup groups on a real H2 database: written through, loaded back, bad input refused with the fix. */
class GroupsTest {
    private final JdbcDataSource db = new JdbcDataSource();
    private final TestDirectory directory = new TestDirectory("1001", "1002", "1003", "1004");
    private final Groups groups;

    GroupsTest() {
        db.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        groups = fresh();
    }

    /** What a restarted bundle sees: migrated (once) and loaded from the database. */
    private Groups fresh() {
        GroupStore store = new GroupStore(db);
        store.migrate(getClass().getClassLoader());
        Groups g = new Groups(store, Clock.systemUTC());
        g.directory(directory);
        g.config(config(30, 15));
        g.reload();
        return g;
    }

    static Groups.Config config(int ring, int member) {
        return new Groups.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return Groups.Config.class;
            }

            @Override
            public int ring_seconds() {
                return ring;
            }

            @Override
            public int member_ring_seconds() {
                return member;
            }
        };
    }

    @Test
    void groupsAndTheirMembersSurviveARestart() {
        Groups.Saved s = groups.add("600", "Sales team", "simultaneous", 20, null, "1004");
        assertTrue(s.created());
        groups.setMembers("600", List.of("1002", "1003"));
        groups.add("601", "Support", "round-robin", null, 10, null);
        groups.setMembers("601", List.of("1003,1001", "1002")); // commas and spaces both separate
        Groups again = fresh();
        assertEquals(List.of(
                new RingGroup("600", "Sales team", Strategy.SIMULTANEOUS, 20, 15, "1004", List.of("1002", "1003")),
                new RingGroup("601", "Support", Strategy.ROUND_ROBIN, 30, 10, null, List.of("1003", "1001", "1002"))),
                again.list());
    }

    @Test
    void addingAgainChangesTheSettingsAndKeepsTheMembersAndUnsetOptions() {
        groups.add("600", "Sales", "simultaneous", 20, 12, "1004");
        groups.setMembers("600", List.of("1002", "1003"));
        Groups.Saved s = groups.add("600", "Sales EU", "sequential", null, 9, null);
        assertFalse(s.created());
        RingGroup expected = new RingGroup("600", "Sales EU", Strategy.SEQUENTIAL, 20, 9, "1004", List.of("1002", "1003"));
        assertEquals(expected, s.group());
        assertEquals(List.of(expected), fresh().list());
        groups.add("600", "Sales EU", "sequential", null, null, "none");
        assertNull(fresh().find("600").orElseThrow().noAnswer());
    }

    @Test
    void removeTakesTheGroupAndItsMembersOut() {
        groups.add("600", "Sales", "sequential", null, null, null);
        groups.setMembers("600", List.of("1002"));
        assertEquals("600", groups.remove("600").number());
        assertEquals(List.of(), groups.list());
        assertEquals(List.of(), fresh().list());
        assertNull(groups.route("600"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> groups.remove("600"));
        assertEquals("there is no group 600: pbx:group-list shows the groups; add one with pbx:group-add", e.getMessage());
    }

    @Test
    void theRouterAnswersGroupNumbersOnly() {
        groups.add("600", "Sales", "sequential", null, 7, null);
        groups.setMembers("600", List.of("1003", "1002"));
        assertEquals(new Route.Hunt(List.of("1003", "1002"), 7), groups.route("600"));
        assertNull(groups.route("1002"));
        assertNull(groups.route("6000"));
    }

    @Test
    void aGroupNumberThatIsAnExtensionIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> groups.add("1002", "Sales", "simultaneous", null, null, null));
        assertEquals("1002 is an extension (Ext 1002): a group needs a number of its own; pick one that pbx:ext-list and"
                + " pbx:group-list do not show", e.getMessage());
        assertEquals(List.of(), fresh().list());
    }

    @Test
    void unknownMembersAreRefusedByName() {
        groups.add("600", "Sales", "simultaneous", null, null, null);
        groups.setMembers("600", List.of("1002"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> groups.setMembers("600", List.of("1002", "1099", "600", "1003")));
        assertEquals("not extensions: 1099, 600. Members of group 600 must be extensions (pbx:ext-list shows them; add one with"
                + " pbx:ext-add)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> groups.setMembers("600", List.of("1077")));
        assertEquals("1077 is not an extension. Members of group 600 must be extensions (pbx:ext-list shows them; add one with"
                + " pbx:ext-add)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> groups.setMembers("600", List.of("1002", "1003", "1002")));
        assertEquals("listed more than once: 1002. Give each member of group 600 once", e.getMessage());
        assertEquals(List.of("1002"), fresh().find("600").orElseThrow().members()); // nothing written
    }

    @Test
    void badSettingsAreRefusedWithTheFix() {
        assertEquals("'60a' is not a valid group number: use 1 to 20 digits, optionally after a +, e.g. pbx:group-add 600 Sales"
                + " simultaneous", refusal(() -> groups.add("60a", "x", "simultaneous", null, null, null)));
        assertEquals("'parallel' is not a ring strategy: use simultaneous, sequential, round-robin",
                refusal(() -> groups.add("600", "x", "parallel", null, null, null)));
        assertEquals("--ring 0: a ring time is 1 to 3600 seconds, e.g. --ring 20",
                refusal(() -> groups.add("600", "x", "simultaneous", 0, null, null)));
        assertEquals("--member-ring 4000: a ring time is 1 to 3600 seconds, e.g. --member-ring 20",
                refusal(() -> groups.add("600", "x", "sequential", null, 4000, null)));
        assertEquals("--no-answer 'voicemail' is not a number: give an extension, a group or an outside number (digits, * and #,"
                + " optionally after a +), or none", refusal(() -> groups.add("600", "x", "sequential", null, null, "voicemail")));
        assertEquals("--no-answer 600: group 600 cannot be its own no-answer destination; give another number, or none",
                refusal(() -> groups.add("600", "x", "sequential", null, null, "600")));
        assertEquals("there is no group 601: pbx:group-list shows the groups; add one with pbx:group-add",
                refusal(() -> groups.setMembers("601", List.of("1002"))));
        assertEquals(List.of(), groups.list());
    }

    @Test
    void aFailedWriteLeavesMemoryAsItWas() throws Exception {
        groups.add("600", "Sales", "simultaneous", null, null, null);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE groups_ring_member");
        }
        Transactions.StorageException e = assertThrows(Transactions.StorageException.class,
                () -> groups.setMembers("600", List.of("1002")));
        assertTrue(e.getMessage().startsWith("Could not set the members of group 600: "), e.getMessage());
        assertEquals(List.of(), groups.find("600").orElseThrow().members());
    }

    @Test
    void pickupGroupsAreStoredAndAnsweredFromMemory() {
        assertEquals(new PickupGroup("sales", Set.of("1001", "1002")), groups.setPickup("sales", List.of("1002", "1001")));
        groups.setPickup("desk", List.of("1002", "1003"));
        PickupGroups p = fresh().pickupGroups();
        assertEquals(List.of(new PickupGroup("desk", Set.of("1002", "1003")), new PickupGroup("sales", Set.of("1001", "1002"))),
                p.all());
        assertTrue(p.mayPickUp("1001", "1002"));
        assertTrue(p.mayPickUp("1003", "1002"));
        assertFalse(p.mayPickUp("1001", "1003"));
        assertFalse(p.mayPickUp("1002", "1002"));
        assertEquals(Set.of("1001", "1003"), p.peersOf("1002"));
        groups.setPickup("sales", List.of("1004", "1001")); // replaces
        assertEquals(Set.of("1001", "1004"), fresh().pickupGroups().find("sales").members());
        assertNull(groups.setPickup("sales", List.of())); // none removes
        assertNull(fresh().pickupGroups().find("sales"));
        assertEquals("there is no pickup group sales: give its extensions to create it, e.g. pbx:pickup-group sales 1001 1002",
                refusal(() -> groups.setPickup("sales", List.of())));
        assertEquals("1099 is not an extension. Members of pickup group desk must be extensions (pbx:ext-list shows them; add one"
                + " with pbx:ext-add)", refusal(() -> groups.setPickup("desk", List.of("1099"))));
        assertEquals("'my desk' is not a valid pickup group name: use up to 64 letters, digits, _ . -, starting with a letter or"
                + " digit, e.g. pbx:pickup-group sales 1001 1002", refusal(() -> groups.setPickup("my desk", List.of("1001"))));
    }

    @Test
    void changingTheStrategyRestartsTheRotation() {
        groups.add("600", "Desk", "round-robin", null, null, null);
        groups.setMembers("600", List.of("1002", "1003"));
        groups.route("600");
        RingGroup g = groups.find("600").orElseThrow();
        assertEquals(List.of("1003", "1002"), groups.nextOrder(g));
        assertEquals(Set.of("1002"), groups.lastOffered(g).keySet());
        groups.add("600", "Desk", "sequential", null, null, null);
        groups.add("600", "Desk", "round-robin", null, null, null);
        assertEquals(List.of("1002", "1003"), groups.nextOrder(groups.find("600").orElseThrow()));
    }

    private static String refusal(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }
}
