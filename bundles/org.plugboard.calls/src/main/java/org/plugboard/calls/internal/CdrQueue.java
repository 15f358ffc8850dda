package org.plugboard.calls.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands finished calls' records to the CDR sinks, off the call strands, and never gives a record up while no durable
 * sink has stored it.
 * <ul>
 * <li>Each sink has a writer thread and a backlog of its own, so a slow or failing sink (a database outage, a plugin)
 * never holds up the others. It writes what waits for it (up to {@link #BATCH} records) one by one, then flushes once
 * (group commit: one forced write of the CSV file for the lot); the records count as stored after the flush. A failed
 * write or flush is retried with a backoff doubling from {@code firstRetry} to {@code maxRetry}, until it works or the
 * queue stops.</li>
 * <li>A record is offered to every durable sink until one has stored it. While no durable sink is registered (the CDR
 * bundle being updated) records are held back; the durable sinks that appear get them (those within
 * {@link #HELD_GRACE_NANOS} of the first get them all). A durable sink removed before storing its backlog passes the
 * records no durable sink stored on to the others, or back to the held ones.</li>
 * <li>Memory is bounded by {@code capacity} records per backlog. A sink that falls that far behind gives up its
 * oldest records, but only those a durable sink has already stored (the database recovers them from the CSV files when
 * it comes back). A record no durable sink has stored is never given up: when {@code capacity} of those wait, the
 * newest is refused (logged: no durable sink has worked for that long).</li>
 * <li>{@link #stop} hands the records no durable sink has stored yet over to the next version of the bundle.</li>
 * </ul>
 * Logging is bounded per sink: the first failure at WARN with its cause, then one line a minute while it fails, one
 * INFO line when it recovers.
 */
final class CdrQueue {
    private static final Logger LOG = LoggerFactory.getLogger(CdrQueue.class);
    static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** How long records held back stay on offer to durable sinks that appear after the first one came back. */
    static final long HELD_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** Where the queue reports ({@code level} is WARN, INFO or ERROR); SLF4J in production, a list in the tests. */
    interface Log {
        void log(String level, String message, Throwable cause);
    }

    private static void slf4j(String level, String message, Throwable cause) {
        switch (level) {
            case "ERROR" -> LOG.error(message, cause);
            case "WARN" -> LOG.warn(message, cause);
            default -> LOG.info(message, cause);
        }
    }

    /** Records written between two flushes of a sink, at most. */
    static final int BATCH = 1000;
    private static final Comparator<Entry> BY_SEQ = Comparator.comparingLong(e -> e.seq);

    /** One record and how many durable sinks have stored it; guarded by the queue's lock. */
    private static final class Entry {
        final CallDetailRecord record;
        final long seq;
        int durableStores;

        Entry(CallDetailRecord record, long seq) {
            this.record = record;
            this.seq = seq;
        }
    }

    private final Log log;
    private final LongSupplier nanos;
    private final long firstRetryNanos;
    private final long maxRetryNanos;
    private final int capacity;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled on a new record, a sink added or removed, and stop. */
    private final Condition changed = lock.newCondition();
    private final List<Writer> writers = new ArrayList<>();
    /** Records no durable sink has stored yet, by sequence: offered to every durable sink, handed over at stop. */
    private final TreeMap<Long, Entry> pending = new TreeMap<>();
    /** The records held back while no durable sink was registered, and when the first one came back. */
    private List<Entry> gapBatch = List.of();
    private long gapEnded;
    private long seq;
    private boolean running = true;
    private final LogThrottle refusals = new LogThrottle(LOG_INTERVAL_NANOS);

    CdrQueue() {
        this(CdrQueue::slf4j, System::nanoTime, TimeUnit.MILLISECONDS.toNanos(100), TimeUnit.SECONDS.toNanos(5), 100_000);
    }

    CdrQueue(Log log, LongSupplier nanos, long firstRetryNanos, long maxRetryNanos, int capacity) {
        this.log = log;
        this.nanos = nanos;
        this.firstRetryNanos = firstRetryNanos;
        this.maxRetryNanos = maxRetryNanos;
        this.capacity = capacity;
    }

    void addSink(CdrSink sink, boolean durable) {
        lock.lock();
        try {
            if (!running) {
                return;
            }
            Writer w = new Writer(sink, durable);
            if (durable) {
                // What no durable sink has stored yet. The CDR bundle's two sinks come back one after the other
                // after its update: a durable sink that comes within the grace period after the first also gets the
                // records held back during the gap, even those the first one stored meanwhile.
                long now = nanos.getAsLong();
                if (writers.stream().noneMatch(o -> o.durable)) {
                    gapBatch = new ArrayList<>(pending.values());
                    gapEnded = now;
                }
                Map<Entry, Boolean> catchUp = new IdentityHashMap<>();
                pending.values().forEach(e -> catchUp.put(e, true));
                if (now - gapEnded <= HELD_GRACE_NANOS) {
                    gapBatch.forEach(e -> catchUp.put(e, true));
                } else {
                    gapBatch = List.of();
                }
                catchUp.keySet().stream().sorted(BY_SEQ).forEach(w.backlog::addLast);
            }
            writers.add(w);
            w.thread.start();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void removeSink(CdrSink sink) {
        lock.lock();
        try {
            for (Iterator<Writer> it = writers.iterator(); it.hasNext();) {
                Writer w = it.next();
                if (w.sink == sink) {
                    it.remove();
                    w.removed = true;
                    w.backlog.clear();
                    if (w.durable) {
                        offerPendingToDurableWriters();
                    }
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** After a durable sink left: every record no durable sink stored must still be in some durable backlog. */
    private void offerPendingToDurableWriters() {
        Map<Entry, Boolean> queued = new IdentityHashMap<>();
        List<Writer> durables = writers.stream().filter(w -> w.durable).toList();
        durables.forEach(w -> w.backlog.forEach(e -> queued.put(e, true)));
        for (Entry e : pending.values()) {
            if (!queued.containsKey(e)) {
                durables.forEach(w -> w.backlog.addLast(e));
            }
        }
        // with no durable sink left, pending keeps them for the next one
    }

    void offer(CallDetailRecord record) {
        lock.lock();
        try {
            if (pending.size() >= capacity) {
                long n = refusals.count();
                if (refusals.due(nanos.getAsLong())) {
                    log.log("ERROR", "CDR queue full: " + pending.size() + " records wait for a durable CDR sink (is the CDR "
                            + "feature installed, is its database or folder writable?); record of call " + record.id()
                            + " lost (" + n + " lost since the last report)", null);
                }
                return;
            }
            Entry e = new Entry(record, seq++);
            pending.put(e.seq, e);
            for (Writer w : writers) {
                w.backlog.addLast(e);
                while (w.backlog.size() > capacity && w.backlog.peekFirst().durableStores > 0) {
                    w.backlog.pollFirst();
                    w.skipped(nanos.getAsLong());
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops every writer and returns the records no durable sink has stored yet, oldest first, for the hand-over. */
    List<CallDetailRecord> stop() {
        List<Writer> all;
        lock.lock();
        try {
            running = false;
            changed.signalAll();
            all = new ArrayList<>(writers);
        } finally {
            lock.unlock();
        }
        // No interrupt: it would close a sink's file channel in the middle of a write. A write still running after
        // the wait finishes on its own; its record is handed over too and may then be stored twice.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (Writer w : all) {
            try {
                w.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        lock.lock();
        try {
            return pending.values().stream().map(e -> e.record).toList();
        } finally {
            lock.unlock();
        }
    }

    /** Records a sink has not stored yet. */
    int backlog(CdrSink sink) {
        lock.lock();
        try {
            return writers.stream().filter(w -> w.sink == sink).mapToInt(w -> w.backlog.size()).sum();
        } finally {
            lock.unlock();
        }
    }

    /** Records no durable sink has stored yet. */
    int pending() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    /** A durable sink stored {@code e}; called under the lock. */
    private void storedDurably(Entry e) {
        if (e.durableStores++ == 0) {
            pending.remove(e.seq);
        }
    }

    /** Delay before retry number {@code failures} (1 = after the first failure): doubling, capped. */
    static long backoff(long failures, long firstNanos, long maxNanos) {
        long d = firstNanos;
        for (long i = 1; i < failures && d < maxNanos; i++) {
            d *= 2;
        }
        return Math.min(d, maxNanos);
    }

    private interface SinkCall {
        void run() throws Exception;
    }

    /** One sink's thread: writes its backlog in order, each record until it is stored. */
    private final class Writer implements Runnable {
        final CdrSink sink;
        final boolean durable;
        final String name;
        final ArrayDeque<Entry> backlog = new ArrayDeque<>();
        final Thread thread;
        boolean removed;
        final LogThrottle skips = new LogThrottle(LOG_INTERVAL_NANOS);
        /** Failure state and its reports, used by this writer's thread only. */
        final SinkFailures failures;

        Writer(CdrSink sink, boolean durable) {
            this.sink = sink;
            this.durable = durable;
            this.name = sink.getClass().getName() + (durable ? " (durable)" : "");
            this.failures = new SinkFailures(name, log, nanos, maxRetryNanos, LOG_INTERVAL_NANOS);
            this.thread = new Thread(this, "plugboard-cdr-writer-" + sink.getClass().getSimpleName());
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            List<Entry> batch;
            while ((batch = next()) != null) {
                for (Entry e : batch) {
                    if (!attempt(() -> sink.write(e.record), "store the record of call " + e.record.id())) {
                        return;
                    }
                }
                if (!attempt(sink::flush, "flush " + batch.size() + " record(s)")) {
                    return;
                }
                lock.lock();
                try {
                    for (Entry e : batch) {
                        if (backlog.peekFirst() == e) {
                            backlog.pollFirst();
                        }
                        if (durable) {
                            storedDurably(e);
                        }
                    }
                } finally {
                    lock.unlock();
                }
            }
        }

        /** The oldest records of the backlog (a run for one flush), waiting for one; null once stopped or removed. */
        private List<Entry> next() {
            lock.lock();
            try {
                while (running && !removed && backlog.isEmpty()) {
                    changed.awaitUninterruptibly();
                }
                if (!running || removed) {
                    return null;
                }
                return backlog.stream().limit(BATCH).toList();
            } finally {
                lock.unlock();
            }
        }

        /** Runs {@code call} until it works: true then, false when stopped or removed first. */
        private boolean attempt(SinkCall call, String what) {
            while (true) {
                try {
                    call.run();
                    failures.recovered(this::size);
                    return true;
                } catch (Exception | LinkageError x) { // LinkageError: a sink whose bundle is going away
                    failures.failed(what, x, this::size);
                }
                if (!pause(backoff(failures.count(), firstRetryNanos, maxRetryNanos))) {
                    return false;
                }
            }
        }

        private int size() {
            lock.lock();
            try {
                return backlog.size();
            } finally {
                lock.unlock();
            }
        }

        /** Its oldest record was given up (a durable sink has it); called under the lock. */
        void skipped(long now) {
            long n = skips.count();
            if (skips.due(now)) {
                log.log("ERROR", "CDR sink " + name + " is " + capacity + " records behind: it skips its oldest records, "
                        + "which the durable sinks already stored (" + n + " since the last report; the database sink "
                        + "recovers them from the CSV files when it works again)", null);
            }
        }

        /** Waits {@code delayNanos} (real time); false if stopped or removed meanwhile. */
        private boolean pause(long delayNanos) {
            lock.lock();
            try {
                long left = delayNanos;
                while (running && !removed && left > 0) {
                    left = changed.awaitNanos(left);
                }
                return running && !removed;
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                lock.unlock();
            }
        }
    }
}
