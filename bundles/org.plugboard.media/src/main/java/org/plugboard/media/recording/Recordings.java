package org.plugboard.media.recording;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.plugboard.api.media.CallRecorder;
import org.plugboard.api.media.CallRecording.Options;
import org.plugboard.api.media.CallRecording.Result;
import org.plugboard.api.media.MediaFileException;
import org.plugboard.media.audio.LiveWavFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The call recordings of one engine and their writer: one thread, started with the first recording, opens the files
 * and writes every live recording each {@value #TICK_MILLIS} ms ({@link LiveRecording#tick}), so no file I/O ever runs
 * on an event loop. The clock and the way files are opened are ports: tests bring a manual clock and a disk that
 * fills up.
 */
public final class Recordings implements AutoCloseable {
    static final long TICK_MILLIS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(Recordings.class);

    private final String engine;
    private final LongSupplier clock;
    private final LiveWavFile.Opener opener;
    private final Set<LiveRecording> live = ConcurrentHashMap.newKeySet();
    /** What both parties hear when a recording with {@code announce} starts: the beep, then the spoken notice. */
    private volatile org.plugboard.media.audio.Audio notice = Announcement.BEEP;
    private ScheduledExecutorService writer;
    private boolean closed;

    public Recordings(String engine, LongSupplier clock, LiveWavFile.Opener opener) {
        this.engine = engine;
        this.clock = clock;
        this.opener = opener;
    }

    /** Recordings on the system's monotonic clock and file system. */
    public static Recordings system(String engine) {
        return new Recordings(engine, System::nanoTime, LiveWavFile.FILES);
    }

    /**
     * The spoken announcement recordings with {@code announce} play after the beep (a prompt read by
     * {@link org.plugboard.media.audio.WavReader}); null: the beep alone. Applies to recordings started from now.
     */
    public void announcement(org.plugboard.media.audio.Audio spoken) {
        notice = Announcement.notice(spoken);
    }

    /** A new recording starting now, not yet open: it buffers what it is given until {@link #open} has run. */
    public LiveRecording create(String sessionId, Options options) {
        return recording(engine + "-rec-" + UUID.randomUUID(), sessionId, options, Instant.now(), clock.getAsLong(),
                new CompletableFuture<>());
    }

    LiveRecording recording(String id, String sessionId, Options options, Instant started, long startNanos,
            CompletableFuture<Result> finished) {
        return new LiveRecording(id, sessionId, options, started, startNanos, clock, opener, this::submit, finished,
                new CompletableFuture<>(), notice);
    }

    /** Opens the recording's file on the writer; completes with it, or with the {@link MediaFileException}. */
    public CompletableFuture<CallRecorder> open(LiveRecording recording) {
        CompletableFuture<CallRecorder> opened = new CompletableFuture<>();
        try {
            submit(() -> {
                try {
                    recording.open();
                    live.add(recording);
                    opened.completeAsync(() -> recording); // the caller's callbacks off the writer
                } catch (MediaFileException e) {
                    LOG.warn("Call recording of session {} refused: {}", recording.sessionId(), e.getMessage());
                    CompletableFuture.runAsync(() -> opened.completeExceptionally(e));
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            opened.completeExceptionally(new MediaFileException(recording.options().file(),
                    "the media engine is shutting down: recording " + recording.options().file() + " not started", e));
        }
        return opened;
    }

    /**
     * Carries on a recording the previous version handed over ({@link LiveRecording#handOver}): re-opens the file to
     * append (blocking: on the taking-over thread, before the session reads again). Null when it cannot be continued:
     * its stage then completes with {@code FAILED}.
     */
    public LiveRecording takeOver(Map<String, Object> state) {
        LiveRecording r = RecordingState.restore(state, this);
        try {
            r.reopen((Long) state.get("written"), (Long) state.get("dataBytes"));
            live.add(r);
            submit(() -> { }); // starts this version's writer: its beat writes the recording from now on
            return r;
        } catch (MediaFileException e) {
            LOG.warn("Call recording {} could not be carried on after the update: {}", r.id(), e.getMessage());
            r.finishedFuture().complete(new Result(r.options().file(), r.length(),
                    org.plugboard.api.media.CallRecording.Ending.FAILED, e.getMessage()));
            return null;
        } finally {
            RecordingState.successor(state).complete(r); // the old object forwards to it (stop() on an ended one: nothing)
        }
    }

    /** Completes the stage of a handed-over recording nobody took over. */
    public static void abandoned(Map<String, Object> state) {
        RecordingState.abandoned(state);
    }

    private synchronized void submit(Runnable task) {
        if (writer == null) {
            if (closed) {
                throw new java.util.concurrent.RejectedExecutionException("recordings closed");
            }
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                    new DefaultThreadFactory("plugboard-media-recorder", true));
            executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            executor.scheduleAtFixedRate(this::tickAll, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
            writer = executor;
        }
        writer.execute(task);
    }

    /** The writer's beat; a recording that is over leaves the set. */
    void tickAll() {
        for (LiveRecording r : live) {
            try {
                r.tick();
            } catch (RuntimeException e) {
                LOG.error("{}: the writer failed", r, e);
            }
            if (r.state() != LiveRecording.State.RECORDING) {
                live.remove(r);
            }
        }
    }

    /** Lets the writer finish what was asked of it (the ends of released sessions), then stops it (5 s bound). */
    @Override
    public void close() {
        ScheduledExecutorService executor;
        synchronized (this) {
            closed = true;
            executor = writer;
        }
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Call recordings: the writer did not finish within 5 s");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
