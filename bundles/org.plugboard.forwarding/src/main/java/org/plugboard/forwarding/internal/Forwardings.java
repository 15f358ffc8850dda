package org.plugboard.forwarding.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every extension's forwarding, in memory for the call's strand and in the database for restarts. Reads
 * ({@link #get}, {@link #list}) never touch the database. A write goes to the database first and changes memory
 * only after the commit, so a failed write leaves both as they were; writes are serialized so memory gets them in
 * commit order. {@link #updateLater} runs a write on this component's own writer thread, for feature codes dialled
 * on a call's strand, which must not wait for SQL.
 */
@Component(service = Forwardings.class)
public class Forwardings {
    private static final Logger LOG = LoggerFactory.getLogger(Forwardings.class);
    /** Feature-code writes waiting at most; more are refused (a phone dialling codes in a loop cannot fill memory). */
    static final int MAX_PENDING_WRITES = 100;

    private final ForwardingStore store;
    private final ExecutorService writer;
    private final Map<String, Settings> memory = new ConcurrentHashMap<>();
    private final Object writes = new Object();

    @Activate
    public Forwardings(@Reference(name = "dataSource", target = "(dataSourceName=plugboard)") DataSource dataSource) {
        this(new ForwardingStore(dataSource), newWriter());
        int applied = store.migrate(getClass().getClassLoader());
        load();
        LOG.info("Forwarding ready: {} extension(s) with settings{}", memory.size(),
                applied > 0 ? " (" + applied + " migration(s) applied)" : "");
    }

    /** For tests: a migrated store and the executor that runs {@link #updateLater} writes. */
    Forwardings(ForwardingStore store, ExecutorService writer) {
        this.store = store;
        this.writer = writer;
    }

    void load() {
        for (Settings s : store.loadAll()) {
            memory.put(s.extension(), s);
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        writer.shutdown(); // writes already accepted (feature codes confirmed to a phone) still go to the database
        if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("Forwarding: {} feature-code write(s) not done after 10 s were dropped", writer.shutdownNow().size());
        }
    }

    private static ExecutorService newWriter() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(MAX_PENDING_WRITES), r -> {
            Thread t = new Thread(r, "forwarding-writer");
            t.setDaemon(true);
            return t;
        });
    }

    /** The extension's settings; nothing set when it has none. From memory: safe on a call's strand. */
    public Settings get(String extension) {
        Settings s = extension == null ? null : memory.get(extension);
        return s != null ? s : Settings.none(extension == null ? "?" : extension);
    }

    /** Every extension with something set, by number. */
    public List<Settings> list() {
        return memory.values().stream().sorted(Comparator.comparing(Settings::extension)).toList();
    }

    /**
     * Changes one extension's settings: database first, then memory. Blocking; throws
     * {@link org.plugboard.settingsdb.Transactions.StorageException} naming what failed, leaving memory unchanged.
     */
    public Settings update(String extension, UnaryOperator<Settings> change) {
        synchronized (writes) {
            Settings next = change.apply(get(extension));
            store.save(next);
            if (next.isEmpty()) {
                memory.remove(extension);
            } else {
                memory.put(extension, next);
            }
            return next;
        }
    }

    /**
     * The same on the writer thread: returns at once. Throws {@link java.util.concurrent.RejectedExecutionException}
     * when {@value #MAX_PENDING_WRITES} writes already wait.
     */
    public CompletableFuture<Settings> updateLater(String extension, UnaryOperator<Settings> change, String what) {
        return CompletableFuture.supplyAsync(() -> update(extension, change), writer).whenComplete((s, e) -> {
            if (e != null) {
                LOG.warn("Forwarding: {} failed after it was confirmed to the phone: {}", what, e.getMessage());
            } else {
                LOG.info("Forwarding: {}", what);
            }
        });
    }
}
