package org.plugboard.registrar.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.location.Binding;

/** The ordering the registrar relies on: a change is acknowledged only after a commit that holds it. */
class GroupCommitTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final Map<String, List<Binding>> memory = new ConcurrentHashMap<>();
    private final GatedTable table = new GatedTable();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private GroupCommit commits = new GroupCommit(table, ext -> memory.getOrDefault(ext, List.of()), Duration.ZERO, WAIT, 1000, timer);

    @AfterEach
    void stop() {
        table.open();
        commits.close(WAIT);
        timer.shutdownNow();
    }

    private CompletableFuture<Void> change(String extension, String contact) {
        memory.put(extension, List.of(binding(extension, contact)));
        return commits.submit(extension);
    }

    /** Waits (up to {@link #WAIT}) until a counter reaches {@code expected}. */
    private static void awaitStat(java.util.function.LongSupplier counter, long expected) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (counter.getAsLong() != expected && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(expected, counter.getAsLong());
    }

    private static Binding binding(String extension, String contact) {
        return new Binding(extension, contact, Instant.now().plusSeconds(3600), "cid-" + contact, 1, "127.0.0.1:5070",
                "UDP", "", "");
    }

    @Test
    void aChangeIsAcknowledgedOnlyAfterItsCommit() throws Exception {
        CompletableFuture<Void> stored = change("1001", "sip:1001@127.0.0.1:5070");
        Map<String, List<Binding>> batch = table.awaitWrite(WAIT);
        assertEquals(List.of("sip:1001@127.0.0.1:5070"), batch.get("1001").stream().map(Binding::contact).toList());
        assertFalse(stored.isDone(), "acknowledged while its write had not committed");
        table.commit();
        stored.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(1, table.committed().size());
    }

    @Test
    void changesArrivingDuringACommitShareTheNextCommit() throws Exception {
        CompletableFuture<Void> first = change("1001", "sip:a@127.0.0.1");
        table.awaitWrite(WAIT);
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        for (int i = 2; i <= 50; i++) {
            waiting.add(change("10" + String.format("%02d", i), "sip:" + i + "@127.0.0.1"));
        }
        assertTrue(waiting.stream().noneMatch(CompletableFuture::isDone));
        table.commit();
        first.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        Map<String, List<Binding>> second = table.awaitWrite(WAIT);
        assertEquals(49, second.size(), "one commit for every change that arrived meanwhile");
        assertTrue(waiting.stream().noneMatch(CompletableFuture::isDone), "acknowledged before the second commit");
        table.commit();
        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(2, table.committed().size());
        assertEquals(49, commits.stats().largestBatch());
        awaitStat(() -> commits.stats().acknowledged(), 50); // counted just after each stage completes
    }

    @Test
    void underLoadCommitsStartAtLeastTheIntervalApartAndTakeEverythingThatArrived() throws Exception {
        commits.close(WAIT);
        table.open();
        Duration interval = Duration.ofMillis(300);
        commits = new GroupCommit(table, ext -> memory.getOrDefault(ext, List.of()), interval, WAIT, 1000, timer);
        long beforeFirst = System.nanoTime();
        CompletableFuture<Void> first = change("1001", "sip:1@127.0.0.1");
        table.awaitWrite(WAIT); // idle: written at once
        first.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        List<CompletableFuture<Void>> burst = new ArrayList<>();
        for (int i = 2; i <= 20; i++) {
            burst.add(change("10" + String.format("%02d", i), "sip:" + i + "@127.0.0.1"));
        }
        Map<String, List<Binding>> second = table.awaitWrite(WAIT);
        assertTrue(System.nanoTime() - beforeFirst >= interval.toNanos(), "the second commit did not wait its turn");
        assertEquals(19, second.size(), "one commit for the whole burst");
        CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void aBatchWritesTheLatestStateOfAnExtensionOnce() throws Exception {
        CompletableFuture<Void> blocker = change("1009", "sip:blocker@127.0.0.1");
        table.awaitWrite(WAIT);
        CompletableFuture<Void> older = change("1001", "sip:old@127.0.0.1");
        CompletableFuture<Void> newer = change("1001", "sip:new@127.0.0.1");
        memory.remove("1002");
        CompletableFuture<Void> removal = commits.submit("1002"); // an unregistration: nothing left in memory
        table.commit();
        Map<String, List<Binding>> batch = table.awaitWrite(WAIT);
        assertEquals(List.of("sip:new@127.0.0.1"), batch.get("1001").stream().map(Binding::contact).toList());
        assertEquals(List.of(), batch.get("1002"), "an empty list deletes the extension's rows");
        table.commit();
        CompletableFuture.allOf(blocker, older, newer, removal).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void aFailedWriteIsNotAcknowledgedAndIsWrittenAgainWithoutANewChange() throws Exception {
        CompletableFuture<Void> stored = change("1001", "sip:1001@127.0.0.1");
        table.awaitWrite(WAIT);
        table.fail();
        ExecutionException e = assertThrows(ExecutionException.class, () -> stored.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertInstanceOf(GroupCommit.NotStoredException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("Connection refused"), e.getCause().getMessage());
        Map<String, List<Binding>> retry = table.awaitWrite(WAIT); // about a second later, by itself
        assertTrue(retry.containsKey("1001"));
        table.commit();
        CompletableFuture<Void> next = change("1002", "sip:1002@127.0.0.1");
        table.awaitWrite(WAIT);
        table.commit();
        next.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(1, commits.stats().failedWrites());
        assertEquals(1, commits.stats().refused());
    }

    @Test
    void aWriteThatHangsFailsItsChangesAfterTheTimeout() throws Exception {
        commits.close(WAIT);
        commits = new GroupCommit(table, ext -> memory.getOrDefault(ext, List.of()), Duration.ZERO, Duration.ofMillis(300), 1000, timer);
        long t0 = System.nanoTime();
        CompletableFuture<Void> stored = change("1001", "sip:1001@127.0.0.1");
        table.awaitWrite(WAIT); // and never let it finish until the timeout has passed
        ExecutionException e = assertThrows(ExecutionException.class, () -> stored.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("not committed within 300 ms"), e.getCause().getMessage());
        assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(300).toNanos());
        awaitStat(() -> commits.stats().timedOut(), 1);
        table.commit(); // the hung write finishes late: nothing breaks, the next change is stored
        CompletableFuture<Void> next = change("1002", "sip:1002@127.0.0.1");
        table.awaitWrite(WAIT);
        table.commit();
        next.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void beyondTheQueueLimitAChangeIsRefusedAtOnceButStillWritten() throws Exception {
        commits.close(WAIT);
        commits = new GroupCommit(table, ext -> memory.getOrDefault(ext, List.of()), Duration.ZERO, WAIT, 2, timer);
        CompletableFuture<Void> first = change("1001", "sip:1@127.0.0.1");
        table.awaitWrite(WAIT);
        // The first change's waiter rides in that write, or (when the writer saw the change before its waiter was
        // queued) waits for the next one and holds a place in the queue meanwhile.
        int places = 2 - commits.stats().waiting();
        List<String> queued = new ArrayList<>();
        List<CompletableFuture<Void>> waiting = new ArrayList<>(List.of(first));
        for (int i = 0; i < places; i++) {
            queued.add("100" + (2 + i));
            waiting.add(change(queued.get(i), "sip:" + (2 + i) + "@127.0.0.1"));
        }
        CompletableFuture<Void> overflow = change("1009", "sip:9@127.0.0.1");
        assertTrue(overflow.isCompletedExceptionally(), "no room to wait: answered at once");
        assertFalse(waiting.subList(1, waiting.size()).stream().anyMatch(CompletableFuture::isDone));
        table.commit();
        Map<String, List<Binding>> next = table.awaitWrite(WAIT);
        List<String> written = new ArrayList<>(queued);
        written.add("1009");
        assertTrue(next.keySet().containsAll(written), next.keySet() + " should hold " + written);
        table.commit();
        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(1, commits.stats().overflowed());
    }

    @Test
    void closeWritesWhatIsPendingAndRefusesLaterChanges() throws Exception {
        table.open();
        CompletableFuture<Void> stored = change("1001", "sip:1001@127.0.0.1");
        commits.close(WAIT);
        stored.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(table.committed().stream().anyMatch(b -> b.containsKey("1001")));
        assertTrue(change("1002", "sip:1002@127.0.0.1").isCompletedExceptionally());
    }

    @Test
    void closeDuringAnOutageAnswersEveryWaiter() throws Exception {
        table.refuseAll(true);
        CompletableFuture<Void> stored = change("1001", "sip:1001@127.0.0.1");
        table.awaitWrite(WAIT);
        CompletableFuture<Void> later = change("1002", "sip:1002@127.0.0.1");
        long t0 = System.nanoTime();
        commits.close(WAIT);
        assertTrue(System.nanoTime() - t0 < WAIT.toNanos(), "close waited for the whole bound");
        assertTrue(stored.isCompletedExceptionally());
        assertTrue(later.isCompletedExceptionally());
    }
}
