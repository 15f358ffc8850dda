package org.plugboard.forwarding.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plugboard.settingsdb.Transactions;

/** The settings store on a real H2: database first, memory after the commit, reloaded as written. */
class ForwardingsTest {
    private final JdbcDataSource ds = TestDatabases.h2();
    private final ExecutorService writer = TestDatabases.writer();
    private final Forwardings forwardings = TestDatabases.forwardings(ds, writer);

    @AfterEach
    void stop() throws InterruptedException {
        writer.shutdownNow();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void anExtensionWithNothingSetHasNoForwarding() {
        Settings s = forwardings.get("1002");
        assertEquals("1002", s.extension());
        assertTrue(s.targets().isEmpty());
        assertFalse(s.external());
        assertEquals(20, s.noAnswerSeconds(20));
        assertTrue(forwardings.list().isEmpty());
    }

    @Test
    void everyKindIsWrittenAndReadBackAfterARestart() {
        forwardings.update("1002", s -> s.with(Kind.CFU, "1003", null));
        forwardings.update("1002", s -> s.with(Kind.CFB, "1004", null));
        forwardings.update("1002", s -> s.with(Kind.CFNR, "1005", 15));
        forwardings.update("1002", s -> s.with(Kind.CFNRC, "+33123456789", null).external(true));
        forwardings.update("1003", s -> s.with(Kind.CFNR, "1001", null));

        Forwardings restarted = TestDatabases.forwardings(ds, writer);
        Settings s = restarted.get("1002");
        assertEquals("1003", s.target(Kind.CFU));
        assertEquals("1004", s.target(Kind.CFB));
        assertEquals("1005", s.target(Kind.CFNR));
        assertEquals(15, s.noAnswerSeconds());
        assertEquals("+33123456789", s.target(Kind.CFNRC));
        assertTrue(s.external());
        assertNull(restarted.get("1003").noAnswerSeconds(), "no own timeout: the configured default applies");
        assertEquals(List.of("1002", "1003"), restarted.list().stream().map(Settings::extension).toList());
        assertEquals(forwardings.list(), restarted.list());
    }

    @Test
    void clearingOneKindKeepsTheOthersAndClearingTheLastRemovesTheRow() throws Exception {
        forwardings.update("1002", s -> s.with(Kind.CFU, "1003", null).with(Kind.CFNR, "1004", 30));
        forwardings.update("1002", s -> s.without(Kind.CFNR));
        Settings s = forwardings.get("1002");
        assertEquals("1003", s.target(Kind.CFU));
        assertNull(s.target(Kind.CFNR));
        assertNull(s.noAnswerSeconds(), "the timeout goes with the no-answer forwarding");
        assertEquals(1, rows());

        forwardings.update("1002", Settings::withoutAny);
        assertTrue(forwardings.list().isEmpty());
        assertEquals(0, rows(), "nothing set and no permission: no row left behind");
    }

    @Test
    void thePermissionAloneKeepsTheRowAndSurvivesClearingAll() throws Exception {
        forwardings.update("1002", s -> s.external(true).with(Kind.CFB, "0612345678", null));
        forwardings.update("1002", Settings::withoutAny);
        assertTrue(forwardings.get("1002").external());
        assertEquals(1, rows());
        assertTrue(TestDatabases.forwardings(ds, writer).get("1002").external());
    }

    @Test
    void aFailedWriteLeavesMemoryAsItWasAndSaysWhatFailed() throws Exception {
        forwardings.update("1002", s -> s.with(Kind.CFU, "1003", null));
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE forwarding_setting");
        }
        Transactions.StorageException e = assertThrows(Transactions.StorageException.class,
                () -> forwardings.update("1002", s -> s.with(Kind.CFU, "1004", null)));
        assertTrue(e.getMessage().contains("save the forwarding of 1002"), e.getMessage());
        assertEquals("1003", forwardings.get("1002").target(Kind.CFU));
    }

    @Test
    void aLaterWriteRunsOnTheWriterAndReachesMemoryAfterTheCommit() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        writer.submit(() -> {
            hold.await();
            return null;
        });
        forwardings.updateLater("1002", s -> s.with(Kind.CFU, "1003", null), "test");
        assertNull(forwardings.get("1002").target(Kind.CFU), "not yet written: the caller did not wait");
        hold.countDown();
        TestDatabases.drain(writer);
        assertEquals("1003", forwardings.get("1002").target(Kind.CFU));
        assertEquals(1, rows());
    }

    @Test
    void laterWritesBeyondTheQueueAreRefusedAtOnce() throws Exception {
        ThreadPoolExecutor small = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1));
        CountDownLatch hold = new CountDownLatch(1);
        try {
            Forwardings f = TestDatabases.forwardings(ds, small);
            small.submit(() -> {
                hold.await();
                return null;
            });
            f.updateLater("1002", s -> s.with(Kind.CFU, "1003", null), "queued");
            assertThrows(RejectedExecutionException.class, () -> f.updateLater("1002", Settings::withoutAny, "one too many"));
        } finally {
            hold.countDown();
            small.shutdown();
        }
    }

    private int rows() throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM forwarding_setting")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
