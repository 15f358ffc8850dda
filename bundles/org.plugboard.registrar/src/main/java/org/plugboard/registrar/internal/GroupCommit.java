package org.plugboard.registrar.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.plugboard.api.location.Binding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of location changes. A caller changes memory first, then {@link #submit submits} the extension; the
 * stage it gets completes once a write that holds that change (or a later state of the same extension) has
 * committed, and fails when the write fails or takes longer than the timeout. One writer thread takes whatever
 * waits (no delay when idle, so a quiet PBX commits each change at once; under load one commit covers every change
 * that arrived since the previous one started), reads the current bindings of the changed extensions, writes them in one
 * transaction and hands the stages to a responder thread, which completes them while the next batch is written.
 * Commits start at least {@code interval} apart, so their rate (and what they cost, an fsync each on H2) stays
 * bounded when REGISTERs arrive faster than that.
 *
 * <p>Order, which makes it safe: memory, then the extension into {@code dirty}, then the waiter into the queue; the
 * writer takes waiters first, then the dirty extensions, then reads memory. So every waiter it takes has its change
 * in this batch or in one already committed. An extension whose write failed stays dirty and is written again (every
 * {@value #RETRY_MS} ms), so the database catches up with memory after an outage even though those REGISTERs got an
 * error. Never interrupts the writer: an interrupt inside a JDBC driver can close its files.
 */
final class GroupCommit {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    static final int MAX_WAITERS_PER_BATCH = 5000;
    private static final long RETRY_MS = 1000;
    private static final long IDLE_POLL_MS = 200;
    private static final long WATCHDOG_MS = 100;

    /** Why a change was not acknowledged as stored. */
    static final class NotStoredException extends Exception {
        private static final long serialVersionUID = 1L;

        NotStoredException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    private record Waiter(CompletableFuture<Void> stored, long submittedNanos) {
    }

    private final LocationTable table;
    private final Function<String, List<Binding>> current;
    private final long intervalNanos;
    private final long timeoutNanos;
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Waiter> waiters;
    private final Thread writer;
    private final ExecutorService responder;
    private final ScheduledFuture<?> watchdog;
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile List<Waiter> inFlight = List.of();

    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong extensionsWritten = new AtomicLong();
    private final AtomicLong failedWrites = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong overflowed = new AtomicLong();
    private volatile int largestBatch;
    private volatile String lastFailure;
    private volatile Instant lastFailureAt;
    private volatile long lastCommitMicros;
    private long lastCommitStartNanos;
    private long failuresSinceLog;
    private long lastFailureLogNanos;

    /**
     * @param current  the bindings of an extension in memory now
     * @param interval least time from one commit's start to the next one's: a change that finds the writer idle and
     *                 the last commit older than this is committed at once; under load it waits up to this long, and
     *                 the commit takes everything that arrived meanwhile (commits per second, and their cost, stay
     *                 bounded whatever the REGISTER rate)
     * @param capacity waiters that may wait at once; beyond it a change is still written but answered at once as not
     *                 stored (the database is far behind)
     * @param timer    runs the watchdog that fails waiters older than {@code timeout}
     */
    GroupCommit(LocationTable table, Function<String, List<Binding>> current, Duration interval, Duration timeout,
            int capacity, ScheduledExecutorService timer) {
        this.table = table;
        this.current = current;
        this.intervalNanos = interval.toNanos();
        this.lastCommitStartNanos = System.nanoTime() - intervalNanos; // the first change is committed at once
        this.timeoutNanos = timeout.toNanos();
        this.waiters = new LinkedBlockingQueue<>(capacity);
        this.responder = Executors.newSingleThreadExecutor(r -> daemon(r, "plugboard-location-responder"));
        this.writer = daemon(this::run, "plugboard-location-writer");
        writer.start();
        this.watchdog = timer.scheduleWithFixedDelay(this::failOverdue, WATCHDOG_MS, WATCHDOG_MS, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** After {@code extension} changed in memory: completes when the change is committed. */
    CompletableFuture<Void> submit(String extension) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        dirty.add(extension);
        if (closing.getCount() == 0) {
            stored.completeExceptionally(new NotStoredException("the registrar is stopping", null));
        } else if (!waiters.offer(new Waiter(stored, System.nanoTime()))) {
            overflowed.incrementAndGet();
            stored.completeExceptionally(new NotStoredException("too many registrations wait for the database", null));
        }
        return stored;
    }

    private void run() {
        boolean failed = false;
        while (true) {
            boolean stopping = closing.getCount() == 0;
            List<Waiter> batch = new ArrayList<>();
            try {
                if (failed && !stopping && closing.await(RETRY_MS, TimeUnit.MILLISECONDS)) {
                    continue; // closed while waiting to retry: go round once more to write for the last time
                }
                if (!stopping && dirty.isEmpty()) {
                    Waiter first = waiters.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
                    if (first != null) {
                        batch.add(first);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (batch.isEmpty() && dirty.isEmpty() && waiters.isEmpty()) {
                if (stopping) {
                    return;
                }
                continue;
            }
            long pace = intervalNanos - (System.nanoTime() - lastCommitStartNanos);
            try {
                if (!stopping && pace > 0 && closing.await(pace, TimeUnit.NANOSECONDS)) {
                    stopping = true; // closed while pacing: this is the last write
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            waiters.drainTo(batch, stopping ? Integer.MAX_VALUE : MAX_WAITERS_PER_BATCH - batch.size());
            failed = !write(batch);
            if (stopping) {
                return; // one last attempt; close() fails whatever is left
            }
        }
    }

    /** Writes every dirty extension and settles the batch's waiters; false if the write failed. */
    private boolean write(List<Waiter> batch) {
        Map<String, List<Binding>> rows = new LinkedHashMap<>();
        for (String extension : List.copyOf(dirty)) {
            dirty.remove(extension);
            rows.put(extension, current.apply(extension)); // read after removing: a later change marks it again
        }
        if (rows.isEmpty()) { // their changes went out with a batch that has committed (see the class comment)
            settle(() -> acknowledge(batch));
            return true;
        }
        inFlight = batch;
        long t0 = System.nanoTime();
        lastCommitStartNanos = t0;
        try {
            table.write(rows);
        } catch (Exception e) {
            rows.keySet().forEach(dirty::add);
            failed(e, rows.size(), batch);
            return false;
        } finally {
            inFlight = List.of();
        }
        lastCommitMicros = (System.nanoTime() - t0) / 1000;
        commits.incrementAndGet();
        extensionsWritten.addAndGet(rows.size());
        largestBatch = Math.max(largestBatch, batch.size());
        if (failuresSinceLog > 0) {
            LOG.info("Location database writable again after {} failed write(s)", failuresSinceLog);
            failuresSinceLog = 0;
        }
        settle(() -> acknowledge(batch));
        return true;
    }

    private void acknowledge(List<Waiter> batch) {
        for (Waiter w : batch) {
            if (w.stored().complete(null)) {
                acknowledged.incrementAndGet();
            }
        }
    }

    /** Completes stages on the responder thread (their REGISTERs are answered there), or here once it has stopped. */
    private void settle(Runnable completions) {
        try {
            responder.execute(completions);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            completions.run();
        }
    }

    private void failed(Exception e, int extensions, List<Waiter> batch) {
        failedWrites.incrementAndGet();
        lastFailure = String.valueOf(e.getMessage());
        lastFailureAt = Instant.now();
        failuresSinceLog++;
        long now = System.nanoTime();
        if (failuresSinceLog == 1 || now - lastFailureLogNanos > TimeUnit.MINUTES.toNanos(1)) {
            LOG.warn("Could not write the registrations of {} extension(s) ({} failed write(s) so far): {}. Their "
                    + "REGISTERs get 500 with Retry-After; the bindings stay in memory and are written again every {} ms",
                    extensions, failuresSinceLog, e.toString(), RETRY_MS);
            lastFailureLogNanos = now;
        }
        NotStoredException notStored = new NotStoredException("the location database refused the write: " + e.getMessage(), e);
        settle(() -> {
            for (Waiter w : batch) {
                if (w.stored().completeExceptionally(notStored)) {
                    refused.incrementAndGet();
                }
            }
        });
    }

    /** Fails waiters older than the timeout (the write hangs, e.g. the database does not answer). */
    private void failOverdue() {
        long now = System.nanoTime();
        NotStoredException late = new NotStoredException("not committed within " + timeoutNanos / 1_000_000 + " ms", null);
        for (Waiter w : inFlight) {
            expire(w, now, late);
        }
        for (Waiter w : waiters) { // oldest first: stop at the first one still in time
            if (now - w.submittedNanos() < timeoutNanos) {
                break;
            }
            expire(w, now, late);
        }
    }

    private void expire(Waiter w, long now, NotStoredException late) {
        if (now - w.submittedNanos() >= timeoutNanos && w.stored().completeExceptionally(late)) {
            timedOut.incrementAndGet();
        }
    }

    StoreStats stats() {
        return new StoreStats(commits.get(), acknowledged.get(), extensionsWritten.get(), largestBatch, failedWrites.get(),
                refused.get(), timedOut.get(), overflowed.get(), waiters.size(), dirty.size(), lastFailure, lastFailureAt,
                lastCommitMicros);
    }

    /** Writes what is left (one attempt), then fails whatever still waits. */
    void close(Duration wait) {
        closing.countDown();
        try {
            writer.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watchdog.cancel(false);
        if (writer.isAlive()) {
            LOG.warn("The location writer did not finish within {} ms; registrations not yet written are lost",
                    wait.toMillis());
        } else if (!dirty.isEmpty()) {
            LOG.warn("The registrations of {} extension(s) could not be written before stopping", dirty.size());
        }
        List<Waiter> left = new ArrayList<>();
        waiters.drainTo(left);
        left.addAll(inFlight);
        NotStoredException stopping = new NotStoredException("the registrar stopped before the write", null);
        settle(() -> left.forEach(w -> w.stored().completeExceptionally(stopping)));
        responder.shutdown();
        try {
            responder.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
