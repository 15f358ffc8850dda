package org.plugboard.voicemail.email.internal;

import java.util.UUID;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

/** A fresh H2 database in memory, kept while the JVM runs. */
final class TestDb {
    private TestDb() {
    }

    static DataSource fresh() {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return db;
    }
}
