package org.plugboard.registrar.internal;

import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.plugboard.api.location.Binding;

/**
 * A location table whose commits the test controls: each write records its batch, says it has started, and then
 * waits until the test lets it commit ({@link #commit}) or fail ({@link #fail}); {@link #open} lets every write
 * through from then on.
 */
final class GatedTable implements LocationTable {
    private static final Object COMMIT = new Object();

    private final List<Map<String, List<Binding>>> writes = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Map<String, List<Binding>>> started = new LinkedBlockingQueue<>();
    private final BlockingQueue<Object> verdicts = new LinkedBlockingQueue<>();
    private volatile boolean open;
    private volatile boolean refuseAll;

    @Override
    public void write(Map<String, List<Binding>> batch) throws Exception {
        Map<String, List<Binding>> copy = new LinkedHashMap<>(batch);
        started.add(copy);
        if (refuseAll) {
            throw new SQLException("Database is down (test)");
        }
        Object verdict = open ? COMMIT : verdicts.take();
        if (verdict instanceof Exception e) {
            throw e;
        }
        writes.add(copy); // committed
    }

    /** Waits until a write has started and returns its batch. */
    Map<String, List<Binding>> awaitWrite(Duration timeout) throws InterruptedException {
        Map<String, List<Binding>> batch = started.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (batch == null) {
            throw new AssertionError("no write started within " + timeout);
        }
        return batch;
    }

    /** Lets the write that waits (or the next one) commit. */
    void commit() {
        verdicts.add(COMMIT);
    }

    /** Makes the write that waits (or the next one) fail as a database outage would. */
    void fail() {
        verdicts.add(new SQLException("Connection refused (test)"));
    }

    /** Every write from now on commits at once. */
    void open() {
        open = true;
        verdicts.add(COMMIT);
    }

    /** Every write from now on fails at once. */
    void refuseAll(boolean refuse) {
        refuseAll = refuse;
    }

    /** The batches committed so far. */
    List<Map<String, List<Binding>>> committed() {
        return List.copyOf(writes);
    }
}
