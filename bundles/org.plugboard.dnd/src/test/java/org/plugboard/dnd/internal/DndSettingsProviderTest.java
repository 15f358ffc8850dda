package org.plugboard.dnd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.settings.Dnd;
import org.plugboard.api.settings.SettingsException;

/** DND settings over the API: whole settings stored through the real registry (H2), bad limits named. */
class DndSettingsProviderTest {
    private final SettingsRegistry registry = new SettingsRegistry(SettingsStoreTest.memoryDb(),
            Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));

    @AfterEach
    void stop() throws InterruptedException {
        registry.deactivate();
    }

    @Test
    void wholeSettingsAreStoredAndReadBack() throws Exception {
        Dnd wanted = new Dnd(true, false, 2, 0);
        ExtensionSettings stored = registry.change("1002", s -> DndSettingsProvider.wanted("1002", wanted))
                .get(5, TimeUnit.SECONDS);
        assertEquals(wanted, DndSettingsProvider.view(stored));
        assertEquals(wanted, DndSettingsProvider.view(registry.get("1002")));
        assertEquals(new Dnd(false, true, 0, 0), DndSettingsProvider.view(registry.get("1003")), "the defaults");
    }

    @Test
    void aNegativeLimitNamesItsField() {
        assertEquals("maxIn", assertThrows(SettingsException.class,
                () -> DndSettingsProvider.wanted("1002", new Dnd(false, true, -1, 0))).field());
        assertEquals("maxOut", assertThrows(SettingsException.class,
                () -> DndSettingsProvider.wanted("1002", new Dnd(false, true, 0, -2))).field());
    }
}
