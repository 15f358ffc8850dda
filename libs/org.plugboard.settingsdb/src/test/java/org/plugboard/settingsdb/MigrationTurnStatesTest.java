package org.plugboard.settingsdb;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/**
 * Which errors mean "the turn table is not there (yet)", so the taker makes it and tries again. H2 answers a table being
 * made by another session at that moment with 42S03 ("not found, candidates are: the same name"): a fresh clone's
 * {@code ConcurrentMigrationsTest} failed on it once.
 */
class MigrationTurnStatesTest {

    @Test
    void everyNotFoundStateOfH2AndPostgresqlMeansMakeTheTable() {
        for (String state : new String[] {"42S02", "42S03", "42S04", "42P01"}) {
            assertTrue(MigrationTurn.noTable(new SQLException("not found", state)), state);
        }
    }

    @Test
    void aLockTimeoutIsNotAMissingTable() {
        assertFalse(MigrationTurn.noTable(new SQLException("timeout", "HYT00")));
        assertFalse(MigrationTurn.noTable(new SQLException("duplicate", "42S01")));
    }
}
