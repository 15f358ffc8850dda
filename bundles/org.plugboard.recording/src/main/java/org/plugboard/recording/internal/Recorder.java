package org.plugboard.recording.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.plugboard.api.media.CallRecorder;
import org.plugboard.api.media.CallRecording;
import org.plugboard.api.media.MediaSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops the recordings of calls, and completes their rows. Everything runs on the bundle's executor (one
 * thread): the call strands only hand work to it. A recording lives in the media engine: after a bundle update
 * {@link #attach} finds it again; a recording whose end this bundle never hears of (its engine was updated) is
 * completed from its file shortly after its call ends ({@link #callReleased}).
 */
public final class Recorder {
    static final long HOUR_MILLIS = 3_600_000;
    /** The call's media session is published with its snapshot, maybe just after ANSWERED: asked this often. */
    static final int MEDIA_ATTEMPTS = 10;
    static final long MEDIA_RETRY_MILLIS = 100;
    /** After a call ends, how long the engine has to close the file before the row is completed from the file. */
    static final Duration GRACE = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneId.systemDefault());

    /** A recording this bundle watches. */
    private record Running(long rowId, String file, CallRecorder recorder) {
    }

    private final RecordingStore store;
    private final Quota quota;
    private final CallPort calls;
    private final Supplier<Settings> settings;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    /** The executor for work handed over: after this bundle stopped it is dropped, never thrown at a strand or the engine. */
    private final Executor safe;
    private final OncePer warnings;
    private final Duration grace;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    /** Calls whose file is being opened: a second start (a code pressed twice quickly) waits for none. Executor only. */
    private final java.util.Set<String> starting = new java.util.HashSet<>();

    public Recorder(RecordingStore store, Quota quota, CallPort calls, Supplier<Settings> settings, Clock clock,
            ScheduledExecutorService executor) {
        this(store, quota, calls, settings, clock, executor, GRACE);
    }

    Recorder(RecordingStore store, Quota quota, CallPort calls, Supplier<Settings> settings, Clock clock,
            ScheduledExecutorService executor, Duration grace) {
        this.grace = grace;
        this.store = store;
        this.quota = quota;
        this.calls = calls;
        this.settings = settings;
        this.clock = clock;
        this.executor = executor;
        this.safe = task -> {
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) {
                LOG.debug("Stopped: left to the next version of this bundle (it watches running recordings again)");
            }
        };
        this.warnings = new OncePer(HOUR_MILLIS, clock::millis);
    }

    /** Whether this bundle watches a recording of the call (answer only on the executor, or in tests). */
    public boolean recording(String callId) {
        return running.containsKey(callId);
    }

    /** Starts recording the call, on the executor. {@code why} goes to the log ("policy always (extension 1001)"). */
    public void start(String callId, String caller, String callee, String why) {
        safe.execute(() -> startNow(callId, caller, callee, why, 1));
    }

    /** Stops the call's recording, on the executor; @see #toggle */
    public void stop(String callId, String why) {
        safe.execute(() -> stopNow(callId, why));
    }

    /** Starts the call's recording, or stops it when one runs: the on-demand code. */
    public void toggle(String callId, String caller, String callee, String who) {
        safe.execute(() -> {
            if (running.containsKey(callId)) {
                stopNow(callId, "on demand by " + who);
            } else {
                startNow(callId, caller, callee, "on demand by " + who, 1);
            }
        });
    }

    /** The call ended: a row of it still open after {@link #GRACE} is completed from its file. */
    public void callReleased(String callId) {
        safe.execute(() -> executor.schedule(() -> {
            Running r = running.remove(callId);
            if (r != null && !r.recorder().finished().toCompletableFuture().isDone()) {
                completeFromFile(r.rowId(), r.file(), "the engine did not report the end (updated during the call)");
            }
        }, grace.toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * An open row whose recording may still run in the engine (this bundle was updated during the call): watches it
     * again. Blocking: on the executor.
     *
     * @return true when the engine still records the call
     */
    public boolean attach(RecordingRow row) {
        Optional<CallRecorder> r = calls.media(row.callId()).flatMap(MediaSession::recorder);
        if (r.isEmpty()) {
            return false;
        }
        watch(row.callId(), new Running(row.id(), row.file(), r.get()));
        LOG.info("Recording {} of call {} runs on; watching it again", row.id(), row.callId());
        return true;
    }

    void startNow(String callId, String caller, String callee, String why, int attempt) {
        if (attempt == 1 && (running.containsKey(callId) || !starting.add(callId))) {
            LOG.debug("Call {} is recorded or its recording is starting; {} ignored", callId, why);
            return;
        }
        try {
            open(callId, caller, callee, why, attempt);
        } catch (RuntimeException e) {
            starting.remove(callId);
            throw e;
        }
    }

    private void open(String callId, String caller, String callee, String why, int attempt) {
        Settings s = settings.get();
        if (quota.over()) {
            starting.remove(callId);
            calls.note(callId, "recording skipped: the recordings quota of " + s.quotaBytes() / Settings.MEGABYTE + " MB is used up");
            if (warnings.allow("quota")) {
                LOG.warn("Recordings quota reached ({} of {} MB): new recordings are skipped until retention or pbx:rec-delete frees "
                        + "space, or quotaMegabytes in etc/{}.cfg is raised (logged once an hour)", quota.used() / Settings.MEGABYTE,
                        s.quotaBytes() / Settings.MEGABYTE, RecordingConfig.PID);
            }
            return;
        }
        Optional<MediaSession> media = calls.media(callId);
        if (media.isEmpty() && attempt < MEDIA_ATTEMPTS) {
            executor.schedule(() -> startNow(callId, caller, callee, why, attempt + 1), MEDIA_RETRY_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        if (media.isEmpty()) {
            starting.remove(callId);
            calls.note(callId, "recording skipped: the call's media does not go through a media engine");
            return;
        }
        Instant now = clock.instant();
        Path dir = s.directory().resolve(DAY.format(now));
        Path file = dir.resolve(callId + "-" + STAMP.format(now) + ".wav");
        String problem = prepare(dir);
        if (problem != null) {
            starting.remove(callId);
            fail(callId, "directory", problem + "; fix the directory or set directory in etc/" + RecordingConfig.PID + ".cfg");
            return;
        }
        CallRecording.Options options = new CallRecording.Options(file, s.layout(), s.max(), s.announce());
        media.get().record(options).whenCompleteAsync((recorder, failure) -> {
            starting.remove(callId);
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                fail(callId, "start", cause.getMessage());
                return;
            }
            started(callId, caller, callee, why, s, recorder);
        }, safe);
    }

    private void started(String callId, String caller, String callee, String why, Settings s, CallRecorder recorder) {
        String file = recorder.options().file().toString();
        long id;
        try {
            id = store.insert(callId, caller, callee, file, s.layout().name().toLowerCase(), recorder.started());
        } catch (RuntimeException e) {
            recorder.stop(); // a recording nobody can find is worse than none
            fail(callId, "database", e.getMessage());
            return;
        }
        watch(callId, new Running(id, file, recorder));
        calls.note(callId, "recorded: " + file);
        LOG.info("Recording {} of call {} ({} -> {}) started, {}: {}", id, callId, caller, callee, why, file);
    }

    private void watch(String callId, Running r) {
        running.put(callId, r);
        r.recorder().finished().whenCompleteAsync((result, failure) -> {
            running.remove(callId, r);
            finished(callId, r, result, failure);
        }, safe);
    }

    private void finished(String callId, Running r, CallRecording.Result result, Throwable failure) {
        if (failure != null || result == null) {
            completeFromFile(r.rowId(), r.file(), failure == null ? "no result" : failure.getMessage());
            return;
        }
        long bytes = size(r.file());
        if (store.complete(r.rowId(), clock.instant(), result.length(), result.ending().name(), result.failure(), bytes)) {
            quota.added(bytes);
        }
        if (result.ending() == CallRecording.Ending.FAILED) {
            fail(callId, "write", result.failure() + " (the audio before it is kept in " + r.file() + ")");
        }
    }

    private void stopNow(String callId, String why) {
        Running r = running.get(callId);
        if (r == null) {
            return;
        }
        r.recorder().stop();
        calls.note(callId, "recording stopped " + why);
        LOG.info("Recording {} of call {} stopped {}", r.rowId(), callId, why);
    }

    private void completeFromFile(long rowId, String file, String why) {
        Duration length = Duration.ZERO;
        try {
            length = WavLength.of(Path.of(file));
        } catch (IOException e) {
            why = why + "; " + e.getMessage();
        }
        long bytes = size(file);
        if (store.complete(rowId, clock.instant(), length, CallRecording.Ending.CALL_ENDED.name(), null, bytes)) {
            quota.added(bytes);
            LOG.info("Recording {} completed from its file ({}): {} s", rowId, why, length.toSeconds());
        }
    }

    /** Creates the day's directory; @return null, or what is wrong with it */
    private static String prepare(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return "cannot create the recordings directory " + dir + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
        }
        return Files.isWritable(dir) ? null : "the recordings directory " + dir + " is not writable";
    }

    /** The call goes on unrecorded: a note in its CDR, a log line once an hour per kind of fault. */
    private void fail(String callId, String kind, String why) {
        calls.note(callId, "recording failed: " + why);
        if (warnings.allow(kind)) {
            LOG.error("Call {} is not recorded: {} (logged once an hour; every call's CDR notes it)", callId, why);
        }
    }

    private static long size(String file) {
        try {
            return Files.size(Path.of(file));
        } catch (IOException e) {
            return 0;
        }
    }

    /** The calls whose recordings this bundle watches now (tests, the console). */
    public List<String> callsRecorded() {
        return List.copyOf(running.keySet());
    }
}
