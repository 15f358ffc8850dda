package org.plugboard.voicemail.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every mailbox in memory (PIN hashes, message lists), written through to {@link MessageStore} and the message files
 * on one executor of its own: callers on a call's strand read memory and get completion stages for writes. A write
 * goes to the database first, then memory, then the listeners (MWI, the deposit hook) hear of it. Deposits queued
 * while a commit runs are committed together (group commit).
 */
final class Mailboxes {
    private static final Logger LOG = LoggerFactory.getLogger(Mailboxes.class);

    /** Counts for the envelope and the message summary. */
    record Counts(int fresh, int saved) {
    }

    private record Pending(Message message, CompletableFuture<Message> done) {
    }

    private final MessageStore store;
    private final Path storage;
    private final Quota quota;
    private final Clock clock;
    private final Executor executor;
    private final Map<String, String> pins = new ConcurrentHashMap<>();
    private final Map<String, List<Message>> boxes = new ConcurrentHashMap<>();
    private final Queue<Pending> deposits = new ConcurrentLinkedQueue<>();
    private final List<Consumer<String>> changeListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Message>> depositListeners = new CopyOnWriteArrayList<>();

    Mailboxes(MessageStore store, Path storage, Quota quota, Clock clock, Executor executor) {
        this.store = store;
        this.storage = storage;
        this.quota = quota;
        this.clock = clock;
        this.executor = executor;
    }

    /** Loads everything and reconciles files with rows; blocking, at activation. */
    Reconciler.Report start(ClassLoader loader) {
        return start(loader, Duration.ZERO);
    }

    /**
     * The same, keeping a {@code .part} written to within {@code liveWindow}: a recording of a previous version of
     * the bundle that still carries its call ({@link LateDeposits}).
     */
    Reconciler.Report start(ClassLoader loader, Duration liveWindow) {
        store.migrate(loader);
        Reconciler.Report report = new Reconciler(store, storage, clock, liveWindow).reconcile();
        pins.putAll(store.loadPins());
        for (Message m : store.loadMessages()) {
            boxes.merge(m.mailbox(), List.of(m), Mailboxes::concat);
        }
        return report;
    }

    /** @return what removes the listener again */
    Runnable onChange(Consumer<String> listener) {
        changeListeners.add(listener);
        return () -> changeListeners.remove(listener);
    }

    Map<String, String> pinHashes() {
        return Map.copyOf(pins);
    }

    void onDeposit(Consumer<Message> listener) {
        depositListeners.add(listener);
    }

    // ---- reads: memory only, any thread ----

    Quota quota() {
        return quota;
    }

    List<Message> messages(String box) {
        return boxes.getOrDefault(box, List.of());
    }

    List<Message> messages(String box, Message.Folder folder) {
        return messages(box).stream().filter(m -> m.folder() == folder).toList();
    }

    Counts counts(String box) {
        List<Message> all = messages(box);
        int fresh = (int) all.stream().filter(m -> m.folder() == Message.Folder.NEW).count();
        return new Counts(fresh, all.size() - fresh);
    }

    boolean full(String box) {
        return quota.full(messages(box));
    }

    Duration room(String box) {
        return quota.room(messages(box));
    }

    boolean hasPin(String box) {
        return pins.containsKey(box);
    }

    Map<String, List<Message>> all() {
        return Map.copyOf(boxes);
    }

    Path directory(String box) {
        return storage.resolve(box);
    }

    Path file(Message m) {
        return directory(m.mailbox()).resolve(m.fileName());
    }

    /** Where the next message of {@code box} is recorded (its directory is created here: call off the strand). */
    Path newMessageFile(String box, String id) {
        return directory(box).resolve("msg-" + id + ".wav");
    }

    static String newId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    Path greeting(String box, String kind) {
        return directory(box).resolve("greeting-" + kind + ".wav");
    }

    CompletionStage<Void> prepare(String box) {
        return CompletableFuture.runAsync(() -> {
            try {
                Files.createDirectories(directory(box));
            } catch (IOException e) {
                throw new IllegalStateException("cannot create " + directory(box) + ": " + e.getMessage(), e);
            }
        }, executor);
    }

    // ---- writes: on the executor ----

    /** Commits a recorded message (its file is in place): durable when the stage completes. */
    CompletionStage<Message> deposit(String box, String id, String caller, Path file, Duration length) {
        Message m = new Message(id, box, caller == null || caller.isBlank() ? "anonymous" : caller, clock.instant(),
                length.toMillis(), file.getFileName().toString(), Message.Folder.NEW);
        CompletableFuture<Message> done = new CompletableFuture<>();
        deposits.add(new Pending(m, done));
        try {
            executor.execute(this::commitDeposits);
        } catch (RejectedExecutionException stopped) {
            // this version was stopped (bundle:update, feature:uninstall) while the call went on recording: its row
            // is still written, on a thread of its own; the next version picks the message up (LateDeposits)
            Thread late = new Thread(this::commitDeposits, "plugboard-voicemail-late");
            late.setDaemon(true);
            late.start();
        }
        return done;
    }

    /**
     * A message committed by a previous version of the bundle (or adopted without a row) after this one started:
     * into memory, and the listeners hear of it. On the executor.
     */
    void adopt(Message m) {
        if (messages(m.mailbox()).stream().anyMatch(x -> x.id().equals(m.id()))) {
            return;
        }
        boxes.merge(m.mailbox(), List.of(m), Mailboxes::concat);
        LOG.info("Voicemail: message {} for {} from {} ({} ms) recorded across a restart of the bundle, now listed", m.id(),
                m.mailbox(), m.caller(), m.millis());
        changed(m.mailbox());
        for (Consumer<Message> l : depositListeners) {
            try {
                l.accept(m);
            } catch (RuntimeException e) {
                LOG.warn("Voicemail: a deposit listener failed: {}", e.toString());
            }
        }
    }

    private void commitDeposits() {
        List<Pending> batch = new ArrayList<>();
        for (Pending p; (p = deposits.poll()) != null;) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            return; // an earlier run took them
        }
        try {
            store.insert(batch.stream().map(Pending::message).toList());
        } catch (RuntimeException e) {
            LOG.error("Voicemail: {} message(s) could not be stored: {}", batch.size(), e.getMessage());
            batch.forEach(p -> p.done().completeExceptionally(e));
            return;
        }
        for (Pending p : batch) {
            boxes.merge(p.message().mailbox(), List.of(p.message()), Mailboxes::concat);
            LOG.info("Voicemail: message {} for {} from {} ({} ms) stored", p.message().id(), p.message().mailbox(),
                    p.message().caller(), p.message().millis());
            p.done().complete(p.message());
            changed(p.message().mailbox());
            for (Consumer<Message> l : depositListeners) {
                try {
                    l.accept(p.message());
                } catch (RuntimeException e) {
                    LOG.warn("Voicemail: a deposit listener failed: {}", e.toString());
                }
            }
        }
    }

    CompletionStage<Void> save(Message m) {
        return CompletableFuture.runAsync(() -> {
            store.setFolder(m.id(), Message.Folder.SAVED);
            boxes.computeIfPresent(m.mailbox(), (b, list) -> list.stream()
                    .map(x -> x.id().equals(m.id()) ? x.withFolder(Message.Folder.SAVED) : x).toList());
            changed(m.mailbox());
        }, executor);
    }

    /** Deletes the row first, then the file: a crash between leaves a file the next start adopts, never a lost row. */
    CompletionStage<Integer> delete(List<Message> messages) {
        return CompletableFuture.supplyAsync(() -> {
            if (messages.isEmpty()) {
                return 0;
            }
            store.delete(messages.stream().map(Message::id).toList());
            for (Message m : messages) {
                boxes.computeIfPresent(m.mailbox(), (b, list) -> {
                    List<Message> rest = list.stream().filter(x -> !x.id().equals(m.id())).toList();
                    return rest.isEmpty() ? null : rest;
                });
                try {
                    Files.deleteIfExists(file(m));
                } catch (IOException e) {
                    LOG.warn("Voicemail: file of deleted message {} stays: {}", m.id(), e.getMessage());
                }
            }
            messages.stream().map(Message::mailbox).distinct().forEach(this::changed);
            return messages.size();
        }, executor);
    }

    CompletionStage<Void> setPin(String box, String pin) {
        return CompletableFuture.runAsync(() -> {
            String hash = Pins.hash(pin);
            store.setPin(box, hash, clock.instant());
            pins.put(box, hash);
        }, executor);
    }

    /** Hashing takes milliseconds: off the strand. */
    CompletionStage<Boolean> checkPin(String box, String pin) {
        String hash = pins.get(box);
        return CompletableFuture.supplyAsync(() -> hash != null && Pins.matches(pin, hash), executor);
    }

    private void changed(String box) {
        for (Consumer<String> l : changeListeners) {
            try {
                l.accept(box);
            } catch (RuntimeException e) {
                LOG.warn("Voicemail: a change listener failed: {}", e.toString());
            }
        }
    }

    private static List<Message> concat(List<Message> a, List<Message> b) {
        List<Message> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
