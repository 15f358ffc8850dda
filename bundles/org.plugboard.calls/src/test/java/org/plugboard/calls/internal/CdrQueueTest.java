package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrSink;

/**
 * The CDR queue with real sinks that fail and recover (a script of failures, no mocks), real writer threads, a manual
 * clock for the log throttle, and bounded waits on the effect (a sink's stored list).
 */
class CdrQueueTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long WAIT_MS = 10_000;

    private final AtomicLong clock = new AtomicLong(1_000 * MS);
    private final List<String> logged = new ArrayList<>();
    private final CdrQueue.Log log = (level, message, cause) -> {
        synchronized (logged) {
            logged.add(level + " " + message + (cause == null ? "" : " [cause " + cause.getMessage() + "]"));
        }
    };
    private CdrQueue queue = queue(100_000);

    private CdrQueue queue(int capacity) {
        // retries after 1 ms doubling to 4 ms: the tests run the real backoff, only shorter
        return new CdrQueue(log, clock::get, MS, 4 * MS, capacity);
    }

    @AfterEach
    void stop() {
        queue.stop();
    }

    /** A sink that fails while told to, and keeps what it stored; tests wait on it, never sleep. */
    final class ScriptedSink implements CdrSink {
        final List<CallDetailRecord> stored = new ArrayList<>();
        int failNext;
        boolean failing;
        int attempts;
        long advanceOnFailure;
        int failFlushes;
        final List<String> calls = new ArrayList<>();

        @Override
        public synchronized void flush() throws IOException {
            calls.add("flush");
            notifyAll();
            if (failFlushes > 0) {
                failFlushes--;
                throw new IOException("fsync failed (test)");
            }
            calls.add("flushed");
        }

        synchronized void awaitCall(String call) throws InterruptedException {
            await(() -> calls.contains(call), "was called " + call);
        }

        @Override
        public synchronized void write(CallDetailRecord r) throws IOException {
            attempts++;
            notifyAll();
            if (failing || failNext > 0) {
                failNext--;
                clock.addAndGet(advanceOnFailure);
                throw new IOException("disk full (test)");
            }
            stored.add(r);
            calls.add(r.id());
        }

        synchronized void recover() {
            failing = false;
            failNext = 0;
        }

        synchronized List<String> refs() {
            return stored.stream().map(CallDetailRecord::id).toList();
        }

        synchronized void awaitStored(int n) throws InterruptedException {
            await(() -> stored.size() >= n, "stored " + n + " records, has " + stored.size());
        }

        synchronized void awaitLast(String ref) throws InterruptedException {
            await(() -> !stored.isEmpty() && stored.get(stored.size() - 1).id().equals(ref), "stored " + ref + " last");
        }

        synchronized void awaitAttempts(int n) throws InterruptedException {
            await(() -> attempts >= n, n + " attempts, made " + attempts);
        }

        private void await(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
            long deadline = System.currentTimeMillis() + WAIT_MS;
            while (!done.getAsBoolean()) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    fail("sink never " + what);
                }
                wait(Math.min(left, 20)); // woken by write; the bound only re-checks
            }
        }
    }

    private static CallDetailRecord cdr(int i) {
        Instant t = Instant.parse("2026-12-01T10:00:00Z").plusSeconds(i);
        return new CallDetailRecord("call-" + i + "@127.0.0.1", "r" + i, "1001", "1002", "", t, null, null, t.plusSeconds(1),
                Disposition.CANCELLED, 487, 16, "Normal call clearing", CallTag.CALLER_CANCEL);
    }

    private void offer(int from, int to) {
        IntStream.rangeClosed(from, to).forEach(i -> queue.offer(cdr(i)));
    }

    private static List<String> refs(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "r" + i).toList();
    }

    private List<String> lines(String level) {
        synchronized (logged) {
            return logged.stream().filter(l -> l.startsWith(level + " ")).toList();
        }
    }

    @Test
    void aFailingSinkIsRetriedUntilItRecoversAndNoRecordIsDropped() throws Exception {
        ScriptedSink db = new ScriptedSink();
        db.failNext = 7; // the old queue gave a record up after 3
        queue.addSink(db, true);
        offer(1, 20);
        db.awaitStored(20);
        assertEquals(refs(1, 20), db.refs(), "every record once, in order");
        assertEquals(27, db.attempts);
        assertEquals(1, lines("WARN").size(), logged.toString());
        assertTrue(lines("WARN").get(0).contains("record of call r1") && lines("WARN").get(0).contains("[cause disk full"),
                "the first failure names the call and the cause: " + logged);
        List<String> info = lines("INFO");
        assertEquals(1, info.size(), logged.toString());
        assertTrue(info.get(0).contains("works again") && info.get(0).contains("7 failed attempt(s)"), info.get(0));
        assertTrue(info.get(0).matches(".*writing the \\d+ record\\(s\\) held back.*"), info.get(0));
        assertEquals(List.of(), queue.stop(), "every record stored (stop waits for the writers): none to hand over");
    }

    @Test
    void whileASinkFailsItLogsAtMostOneLineAMinute() throws Exception {
        ScriptedSink db = new ScriptedSink();
        db.failNext = 200;
        db.advanceOnFailure = TimeUnit.SECONDS.toNanos(1); // each failed attempt takes a second of the manual clock
        queue.addSink(db, true);
        offer(1, 3);
        db.awaitStored(3);
        // 200 failures over 200 s: the first, then one at 60, 120 and 180 s after it
        List<String> warn = lines("WARN");
        assertEquals(4, warn.size(), String.join("\n", warn));
        assertTrue(warn.get(1).contains("still failing after 60 s") && warn.get(1).contains("3 record(s) held back"),
                warn.get(1));
        assertEquals(1, lines("INFO").size());
        assertEquals(List.of(), lines("ERROR"));
    }

    @Test
    void aRunOfRecordsIsFlushedOnceAndCountsAsStoredOnlyAfterTheFlush() throws Exception {
        offer(1, 3); // held: no durable sink yet
        ScriptedSink csv = new ScriptedSink();
        csv.failFlushes = 2;
        queue.addSink(csv, true);
        csv.awaitCall("flushed");
        synchronized (csv) {
            assertEquals(List.of("r1", "r2", "r3", "flush", "flush", "flush", "flushed"), csv.calls,
                    "three writes, one group commit, retried until it works");
        }
        assertEquals(List.of(), queue.stop(), "all stored: nothing to hand over");
        assertTrue(lines("WARN").get(0).contains("failed to flush 3 record(s)"), logged.toString());

        ScriptedSink broken = new ScriptedSink();
        broken.failFlushes = Integer.MAX_VALUE;
        CdrQueue other = queue(100);
        other.addSink(broken, true);
        other.offer(cdr(9));
        broken.awaitCall("flush");
        assertEquals(List.of("r9"), other.stop().stream().map(CallDetailRecord::id).toList(),
                "written but never flushed: not stored, handed over");
    }

    @Test
    void retryBackoffDoublesFrom100MsTo5s() {
        long first = 100 * MS;
        long max = TimeUnit.SECONDS.toNanos(5);
        List<Long> ms = IntStream.rangeClosed(1, 9).mapToObj(n -> CdrQueue.backoff(n, first, max) / MS).toList();
        assertEquals(List.of(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L), ms);
        assertEquals(5000L, CdrQueue.backoff(1_000_000, first, max) / MS, "no overflow after a long outage");
    }

    @Test
    void aFailingNonDurableSinkHoldsUpNoDurableSinkAndItsBacklogIsBounded() throws Exception {
        queue = queue(10);
        ScriptedSink feed = new ScriptedSink();
        feed.failing = true;
        ScriptedSink csv = new ScriptedSink();
        queue.addSink(feed, false);
        queue.addSink(csv, true);
        for (int i = 1; i <= 50; i += 5) { // at most 10 records may wait for a durable sink: offer as it stores
            offer(i, i + 4);
            csv.awaitStored(i + 4);
        }
        assertEquals(refs(1, 50), csv.refs(), "the durable sink got everything while the other failed");
        assertTrue(queue.backlog(feed) <= 10, "backlog " + queue.backlog(feed));
        assertTrue(lines("ERROR").stream().anyMatch(l -> l.contains("skips its oldest records")), logged.toString());
        assertTrue(lines("ERROR").size() <= 1, "throttled: " + lines("ERROR"));
        feed.recover();
        offer(51, 51);
        feed.awaitLast("r51");
        csv.awaitStored(51);
        List<String> got = feed.refs();
        // it kept the newest 10, after the run it was retrying when it fell behind (at most 10 more)
        assertEquals(refs(42, 51), got.subList(got.size() - 10, got.size()), got.toString());
        assertTrue(got.size() <= 21, got.toString());
        assertEquals(got.stream().distinct().sorted((a, b) -> Integer.parseInt(a.substring(1)) - Integer.parseInt(b.substring(1)))
                .toList(), got, "in order, once each");
    }

    @Test
    void recordsWaitForADurableSinkOnAConditionAndEachSinkOfTheCdrBundleGetsThem() throws Exception {
        offer(1, 3);
        assertEquals(3, queue.pending());
        ScriptedSink db = new ScriptedSink();
        queue.addSink(db, true); // wakes the wait: no polling
        db.awaitStored(3);
        ScriptedSink csv = new ScriptedSink();
        clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
        queue.addSink(csv, true); // the CDR bundle's second sink, a moment later: gets the held records too
        offer(4, 4);
        csv.awaitStored(4);
        db.awaitStored(4);
        assertEquals(refs(1, 4), csv.refs());
        assertEquals(refs(1, 4), db.refs());
        ScriptedSink late = new ScriptedSink();
        clock.addAndGet(TimeUnit.SECONDS.toNanos(10));
        queue.addSink(late, true); // e.g. csv.enabled switched on later: only new records
        offer(5, 5);
        late.awaitStored(1);
        db.awaitStored(5);
        assertEquals(List.of("r5"), late.refs());
    }

    @Test
    void aDurableSinkRemovedWhileFailingPassesItsRecordsToTheOtherDurableSink() throws Exception {
        ScriptedSink db = new ScriptedSink();
        db.failing = true;
        queue.addSink(db, true);
        offer(1, 3);
        db.awaitAttempts(2);
        ScriptedSink csv = new ScriptedSink();
        queue.addSink(csv, true); // records no durable sink stored yet go to a new durable sink
        offer(4, 4);
        csv.awaitStored(4);
        queue.removeSink(db);
        offer(5, 5);
        csv.awaitStored(5);
        assertEquals(refs(1, 5), csv.refs());
        assertEquals(List.of(), queue.stop(), "every record stored (stop waits for the writers): none to hand over");
    }

    @Test
    void stopHandsOverExactlyWhatNoDurableSinkStored() throws Exception {
        ScriptedSink db = new ScriptedSink();
        queue.addSink(db, true);
        offer(1, 2);
        db.awaitStored(2);
        synchronized (db) {
            db.failing = true;
        }
        offer(3, 5);
        db.awaitAttempts(4);
        List<CallDetailRecord> left = queue.stop();
        assertEquals(refs(3, 5), left.stream().map(CallDetailRecord::id).toList());
        // the next version of the bundle offers them again, and they are stored
        queue = queue(100_000);
        ScriptedSink next = new ScriptedSink();
        queue.addSink(next, true);
        left.forEach(queue::offer);
        next.awaitStored(3);
        assertEquals(refs(3, 5), next.refs());
    }

    @Test
    void aRecordNoDurableSinkStoredIsNeverGivenUpAndAFullQueueSaysSoOnce() throws Exception {
        queue = queue(5);
        ScriptedSink db = new ScriptedSink();
        db.failing = true;
        queue.addSink(db, true);
        offer(1, 8);
        assertEquals(5, queue.pending());
        assertEquals(1, lines("ERROR").size(), logged.toString());
        assertTrue(lines("ERROR").get(0).contains("CDR queue full") && lines("ERROR").get(0).contains("r6"));
        db.recover();
        db.awaitStored(5);
        assertEquals(refs(1, 5), db.refs(), "the five it holds, none given up for lack of room");
    }
}
