package org.plugboard.screening.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.plugboard.settingsdb.Transactions;

/** The lists on a real H2 database: written through, loaded back, bad input refused with the fix. */
class ScreeningListsTest {
    private final JdbcDataSource db = new JdbcDataSource();
    private final ScreeningLists lists;

    ScreeningListsTest() {
        db.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        lists = fresh();
    }

    /** What a restarted bundle sees: migrated (once) and loaded from the database. */
    private ScreeningLists fresh() {
        ScreeningStore store = new ScreeningStore(db);
        store.migrate(getClass().getClassLoader());
        ScreeningLists l = new ScreeningLists(store);
        l.reload();
        return l;
    }

    @Test
    void entriesAndAnonymousSwitchesSurviveARestart() {
        Entry a = lists.add("system", "black", "anonymous", null, null);
        Entry b = lists.add("1002", "BLACK", "1003", "*", "50");
        Entry c = lists.add("1002", "white", "+49", "0800", "");
        lists.refuseAnonymous("1004", true);
        lists.refuseAnonymous("1005", true);
        lists.refuseAnonymous("1005", false);
        assertEquals(new Entry(a.id(), "system", ListKind.BLACK, "anonymous", "*", 100), a);
        assertEquals(50, b.rate());
        ScreeningLists again = fresh();
        assertEquals(List.of(a, b, c), again.entries(null));
        assertEquals(List.of(b, c), again.entries("1002"));
        assertEquals(List.of(a), again.entries("SYSTEM"));
        assertEquals(Set.of("1004"), again.anonymousRefused());
        assertEquals(a, again.state().system().deciding(Probe.of("anonymous", true, "1002")));
        assertEquals(b, again.state().personal("1002").deciding(Probe.of("1003", false, "1002")));
    }

    @Test
    void removeTakesTheEntryOutOfTheDatabaseAndMemory() {
        Entry a = lists.add("1002", "black", "1003", "*", null);
        assertEquals(a, lists.remove(a.id()));
        assertEquals(List.of(), lists.entries(null));
        assertEquals(null, lists.state().personal("1002").deciding(Probe.of("1003", false, "1002")));
        assertEquals(List.of(), fresh().entries(null));
        String e = assertThrows(IllegalArgumentException.class, () -> lists.remove(a.id())).getMessage();
        assertEquals("there is no entry #" + a.id() + ": pbx:screen-list shows the ids", e);
    }

    @Test
    void theSameEntryTwiceIsRefusedNamingTheOneThere() {
        Entry a = lists.add("system", "black", "0049", "*", null);
        String e = assertThrows(IllegalArgumentException.class, () -> lists.add("system", "black", "0049", "*", "50")).getMessage();
        assertEquals("the system black list already has entry " + a.describe() + ": remove it first (pbx:screen-remove "
                + a.id() + ") to change its rate", e);
        lists.add("system", "white", "0049", "*", null); // the other kind is another entry
    }

    @Test
    void badInputIsRefusedNamingTheFaultAndTheFix() {
        assertFault("rate 150 is not a percentage: use 0 to 100", () -> lists.add("system", "black", "0049", "*", "150"));
        assertFault("rate 'lots' is not a number", () -> lists.add("system", "black", "0049", "*", "lots"));
        assertFault("the caller prefix is empty: give digits", () -> lists.add("system", "black", " ", "*", null));
        assertFault("the called prefix is empty", () -> lists.add("system", "black", "0049", "", null));
        assertFault("caller prefix 'abc' is not a number prefix: use digits with an optional leading +",
                () -> lists.add("1002", "black", "abc", "*", null));
        assertFault("called prefix '09-00' is not a number prefix", () -> lists.add("1002", "black", "1003", "09-00", null));
        assertFault("caller prefix '4+9' is not a number prefix", () -> lists.add("1002", "black", "4+9", "*", null));
        assertFault("anonymous names callers, not dialled numbers", () -> lists.add("1002", "black", "1003", "anonymous", null));
        assertFault("'grey' is no list kind: use black (refuse) or white", () -> lists.add("1002", "grey", "1003", "*", null));
        assertFault("'bob' is neither system nor an extension number", () -> lists.add("bob", "black", "1003", "*", null));
        assertFault("a white entry lets every matching call through and takes no rate",
                () -> lists.add("1002", "white", "1003", "*", "50"));
        assertFault("caller prefix '" + "1".repeat(33) + "' is longer than 32 characters",
                () -> lists.add("1002", "black", "1".repeat(33), "*", null));
        assertEquals(List.of(), fresh().entries(null), "nothing refused was written");
    }

    @Test
    void aFailedWriteLeavesMemoryAsItWasAndSaysWhatFailed() throws SQLException {
        Entry a = lists.add("1002", "black", "1003", "*", null);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE screening_entry");
        }
        Transactions.StorageException e = assertThrows(Transactions.StorageException.class,
                () -> lists.add("1002", "black", "1004", "*", null));
        assertTrue(e.getMessage().startsWith("Could not add the entry to 1002's black list: "), e.getMessage());
        assertEquals(List.of(a), lists.entries(null));
        assertThrows(Transactions.StorageException.class, () -> lists.remove(a.id()));
        assertEquals(List.of(a), lists.entries(null));
    }

    private static void assertFault(String start, Runnable r) {
        String message = assertThrows(IllegalArgumentException.class, r::run).getMessage();
        assertTrue(message.startsWith(start), message);
    }
}
