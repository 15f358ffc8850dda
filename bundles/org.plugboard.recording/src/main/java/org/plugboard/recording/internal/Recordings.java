package org.plugboard.recording.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.metatype.annotations.Designate;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.media.MediaSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recordings: the {@link Recorder} that starts and stops them, their rows, quota and retention, all on one
 * executor thread of this component. At activation (a start, or a bundle update during calls) rows left open are
 * watched again when their call still records, else completed from their files; then the retention sweep runs, and
 * again every day. The {@link PolicyRegistry} reference makes sure the schema is migrated first.
 */
@Component(service = Recordings.class, configurationPid = RecordingConfig.PID)
@Designate(ocd = RecordingConfig.class)
public class Recordings {
    private static final Logger LOG = LoggerFactory.getLogger(Recordings.class);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "recording-worker");
        t.setDaemon(true);
        return t;
    });
    private final RecordingStore store;
    private final Quota quota;
    private final Housekeeping housekeeping;
    private final Recorder recorder;
    private final Clock clock = Clock.systemUTC();
    private volatile Settings settings;
    private volatile CallControl callControl;
    private final java.util.concurrent.atomic.AtomicBoolean startUpDone = new java.util.concurrent.atomic.AtomicBoolean();
    private final CompletableFuture<Void> started = new CompletableFuture<>();

    @Activate
    public Recordings(@Reference(name = "dataSource", target = "(dataSourceName=plugboard)") DataSource dataSource,
            @Reference PolicyRegistry migratedFirst, RecordingConfig config) {
        this.settings = Settings.from(config, karafData());
        this.store = new RecordingStore(dataSource);
        this.quota = new Quota(0, settings.quotaBytes());
        this.housekeeping = new Housekeeping(store, quota);
        this.recorder = new Recorder(store, quota, port(() -> callControl), () -> settings, clock, executor);
        startUpOnce();
        executor.scheduleAtFixedRate(this::sweep, 1, 1, TimeUnit.DAYS);
        LOG.info("Call recording ready: {}", settings);
    }

    /**
     * The B2BUA, bound when it is there: optional and dynamic, because the B2BUA binds this bundle's call service while
     * it activates; a mandatory reference back to it is a cycle SCR refuses when both start together (Karaf's boot).
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void setCallControl(CallControl c) {
        callControl = c;
        startUpOnce();
    }

    /**
     * The start-up work (picking up recordings that run on across an update, completing rows a stopped PBX left open)
     * asks the B2BUA which calls are alive: it waits until the B2BUA is bound, which happens after the constructor.
     */
    private void startUpOnce() {
        if (callControl != null && recorder != null && startUpDone.compareAndSet(false, true)) {
            executor.execute(this::startUp);
        }
    }

    void unsetCallControl(CallControl c) {
        if (callControl == c) {
            callControl = null;
        }
    }

    /** The live calls (empty while the B2BUA is away). */
    CallControl calls() {
        return callControl;
    }

    @Modified
    void modified(RecordingConfig config) {
        Settings s = Settings.from(config, karafData()); // a bad value throws: SCR logs it, the previous settings stay
        settings = s;
        quota.limit(s.quotaBytes());
        LOG.info("Call recording settings changed: {}", s);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        executor.shutdown(); // recordings go on in the engine; the next version watches them again
        if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }

    private void startUp() {
        try {
            quota.added(store.totalBytes());
            int recovered = housekeeping.recover(recorder::attach);
            if (recovered > 0) {
                LOG.info("{} recording(s) left open by a PBX that stopped were completed from their files", recovered);
            }
        } catch (RuntimeException e) {
            LOG.error("Could not check the recordings left open: {}", e.getMessage(), e);
        }
        sweep();
        started.complete(null);
    }

    /** Completes once the rows left open were checked and the first sweep ran. */
    public CompletableFuture<Void> started() {
        return started;
    }

    private void sweep() {
        try {
            housekeeping.sweep(clock.instant(), settings.retentionDays());
        } catch (RuntimeException e) {
            LOG.error("Retention sweep failed (tried again tomorrow): {}", e.getMessage(), e);
        }
    }

    static CallPort port(java.util.function.Supplier<CallControl> control) {
        return new CallPort() {
            @Override
            public Optional<MediaSession> media(String callId) {
                CallControl calls = control.get();
                return calls == null ? Optional.empty() : calls.media(callId);
            }

            @Override
            public boolean note(String callId, String text) {
                CallControl calls = control.get();
                return calls != null && calls.note(callId, text);
            }
        };
    }

    private static Path karafData() {
        return Path.of(System.getProperty("karaf.data", "data"));
    }

    public Recorder recorder() {
        return recorder;
    }

    public Settings settings() {
        return settings;
    }

    public Quota quota() {
        return quota;
    }

    /** The rows, for the archive service (blocking SQL, never on a strand). */
    RecordingStore store() {
        return store;
    }

    /** For the console: blocking SQL, never on a strand. */
    public List<RecordingRow> list(String caller, String callee, int limit) {
        return store.list(caller, callee, limit);
    }

    public List<RecordingRow> find(String idOrCallId) {
        return store.find(idOrCallId);
    }

    /** Deletes a recording's file and row, on the executor; @return false when there is no such recording */
    public CompletableFuture<Boolean> delete(long id) {
        return CompletableFuture.supplyAsync(() -> {
            for (RecordingRow row : store.find(Long.toString(id))) {
                if (row.id() == id) {
                    if (row.open()) {
                        throw new IllegalStateException("recording " + id + " is still running; stop it or wait for the call to end");
                    }
                    if (!housekeeping.delete(row)) {
                        throw new IllegalStateException("could not delete " + row.file() + "; check its permissions (see the log)");
                    }
                    return true;
                }
            }
            return false;
        }, executor);
    }
}
