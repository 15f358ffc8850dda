package org.plugboard.forwarding.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.h2.jdbcx.JdbcDataSource;

/** Real H2 databases in memory, one per test, and settings tables over them. */
final class TestDatabases {
    private static final AtomicInteger NEXT = new AtomicInteger();

    private TestDatabases() {
    }

    static JdbcDataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:forwarding" + NEXT.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }

    /** Migrated and loaded, with a writer thread of its own, as the component is at activation. */
    static Forwardings forwardings(JdbcDataSource ds, ExecutorService writer) {
        ForwardingStore store = new ForwardingStore(ds);
        store.migrate(TestDatabases.class.getClassLoader());
        Forwardings f = new Forwardings(store, writer);
        f.load();
        return f;
    }

    static ExecutorService writer() {
        return Executors.newSingleThreadExecutor();
    }

    /** Waits until every write handed to the writer so far is done. */
    static void drain(ExecutorService writer) throws Exception {
        writer.submit(() -> { }).get(5, TimeUnit.SECONDS);
    }
}
