package org.plugboard.dnd.internal;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every extension's settings, in memory for the call strands and in the database ({@link SettingsStore}) for
 * restarts. Reads ({@link #get}) never touch the database. Writes run one at a time on this registry's own writer
 * thread: the database first, then memory, so a failed write leaves memory as it was and memory sees writes in
 * commit order. The console waits for its write; a feature code dialled on a call's strand does not.
 *
 * <p>The DataSource is the PBX's ({@code dataSourceName=plugboard}); {@code dataSource.target} in
 * {@code etc/org.plugboard.dnd.cfg} points it elsewhere.
 */
@Component(service = SettingsRegistry.class, configurationPid = DndService.PID)
public class SettingsRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsRegistry.class);

    private final SettingsStore store;
    private final Clock clock;
    private final Map<String, ExtensionSettings> changed = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dnd-settings-writer");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public SettingsRegistry(@Reference(name = "dataSource", target = "(dataSourceName=plugboard)") DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    SettingsRegistry(DataSource dataSource, Clock clock) {
        this.store = new SettingsStore(dataSource);
        this.clock = clock;
        int applied = store.migrate(getClass().getClassLoader());
        store.loadAll().forEach(s -> changed.put(s.extension(), s));
        LOG.info("DND settings ready: {} extension(s) with settings other than the defaults{}", changed.size(),
                applied > 0 ? " (" + applied + " migration(s) applied)" : "");
    }

    /** A change to the feature codes only: the settings stay loaded. */
    @Modified
    void modified() {
        // nothing to do: this component only needs its DataSource
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        writer.shutdown(); // writes already asked for (a feature code just dialled) still complete
        if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
            LOG.warn("DND settings writer still busy after 5 s; stopping it (a pending change may be lost)");
            writer.shutdownNow();
        }
    }

    /** The extension's settings, the defaults when it has none. From memory: safe on a call's strand. */
    public ExtensionSettings get(String extension) {
        ExtensionSettings s = extension == null ? null : changed.get(extension);
        return s != null ? s : ExtensionSettings.defaults(extension == null ? "?" : extension);
    }

    /** Every extension whose settings differ from the defaults, by number. */
    public List<ExtensionSettings> changed() {
        return changed.values().stream().sorted(Comparator.comparing(ExtensionSettings::extension)).toList();
    }

    /**
     * Changes one extension's settings on the writer thread: stored, then in memory. Never blocks the caller.
     *
     * @return the settings in force once done; fails with the store's error (memory then unchanged)
     */
    public CompletableFuture<ExtensionSettings> change(String extension, UnaryOperator<ExtensionSettings> how) {
        return CompletableFuture.supplyAsync(() -> {
            ExtensionSettings before = get(extension);
            ExtensionSettings after = how.apply(before);
            if (after.equals(before)) {
                return before;
            }
            store.save(after, clock.instant());
            if (after.isDefault()) {
                changed.remove(extension);
            } else {
                changed.put(extension, after);
            }
            LOG.info("Settings of {}: {}", extension, describe(after));
            return after;
        }, writer);
    }

    static String describe(ExtensionSettings s) {
        return "DND " + (s.dnd() ? "on" : "off") + ", call waiting " + (s.callWaiting() ? "on" : "off") + ", limits in "
                + limit(s.maxIn()) + " out " + limit(s.maxOut());
    }

    static String limit(int n) {
        return n == ExtensionSettings.UNLIMITED ? "unlimited" : Integer.toString(n);
    }
}
