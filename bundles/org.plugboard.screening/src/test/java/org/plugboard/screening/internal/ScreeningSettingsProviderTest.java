package org.plugboard.screening.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.plugboard.api.settings.Screening;
import org.plugboard.api.settings.ScreeningEntry;
import org.plugboard.api.settings.SettingsException;

/** The REST side of screening on a real H2 database: a personal list replaced whole, bad fields named, nothing half. */
class ScreeningSettingsProviderTest {
    private final JdbcDataSource db = new JdbcDataSource();
    private final ScreeningLists lists;
    private final ScreeningSettingsProvider settings;

    ScreeningSettingsProviderTest() {
        db.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ScreeningStore store = new ScreeningStore(db);
        store.migrate(getClass().getClassLoader());
        lists = new ScreeningLists(store);
        lists.reload();
        settings = new ScreeningSettingsProvider(lists, Set.of("1002", "1003")::contains);
    }

    @Test
    void aPersonalListIsReplacedWholeAndTheSystemListIsLeftAlone() {
        Entry system = lists.add("system", "black", "0900", null, null);
        lists.add("1002", "black", "1003", "*", null);
        Screening now = settings.set("1002", new Screening(true, List.of(new ScreeningEntry("white", "+49", "*", 100),
                new ScreeningEntry("BLACK", "anonymous", null, 30))));
        assertEquals(new Screening(true, List.of(new ScreeningEntry("white", "+49", "*", 100),
                new ScreeningEntry("black", "anonymous", "*", 30))), now);
        assertEquals(now, settings.get("1002"));
        assertEquals(List.of(system), lists.entries("system"));
        ScreeningLists restarted = new ScreeningLists(new ScreeningStore(db));
        restarted.reload();
        assertEquals(now, new ScreeningSettingsProvider(restarted, "1002"::equals).get("1002"), "stored");
        assertEquals(new Screening(false, List.of()), settings.set("1002", new Screening(false, null)));
        assertTrue(lists.entries("1002").isEmpty());
    }

    @Test
    void aBadFieldIsNamedAndNothingIsSaved() {
        settings.set("1002", new Screening(true, List.of(new ScreeningEntry("black", "1003", "*", 100))));
        Screening before = settings.get("1002");
        assertRefused("entries[1].caller", new ScreeningEntry("black", "12ab", "*", 100));
        assertRefused("entries[1].kind", new ScreeningEntry("grey", "1", "*", 100));
        assertRefused("entries[1].called", new ScreeningEntry("black", "1", "anonymous", 100));
        assertRefused("entries[1].rate", new ScreeningEntry("black", "1", "*", 101));
        assertRefused("entries[1].rate", new ScreeningEntry("white", "1", "*", 50));
        assertRefused("entries[1]", new ScreeningEntry("black", "0", "*", 10));
        assertEquals(before, settings.get("1002"), "the list in force is untouched");
    }

    @Test
    void anUnknownExtensionIsRefusedAsSuch() {
        SettingsException e = assertThrows(SettingsException.class, () -> settings.get("4711"));
        assertEquals("extension", e.field());
        assertEquals("extension", assertThrows(SettingsException.class, () -> settings.set("x'--", new Screening(false,
                List.of()))).field());
    }

    private void assertRefused(String field, ScreeningEntry second) {
        SettingsException e = assertThrows(SettingsException.class, () -> settings.set("1002", new Screening(false,
                List.of(new ScreeningEntry("black", "0", "*", 10), second))));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field), e.getMessage());
    }
}
