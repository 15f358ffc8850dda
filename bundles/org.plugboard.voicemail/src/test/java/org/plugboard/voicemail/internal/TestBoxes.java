package org.plugboard.voicemail.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;

/** Mailboxes on a real H2 database in memory, writing on the calling thread (the stages complete at once). */
final class TestBoxes {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);

    private TestBoxes() {
    }

    static JdbcDataSource memoryDb() {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return db;
    }

    static Mailboxes open(JdbcDataSource db, Path storage, Quota quota) {
        Mailboxes m = new Mailboxes(new MessageStore(db), storage, quota, CLOCK, Runnable::run);
        m.start(TestBoxes.class.getClassLoader());
        return m;
    }
}
