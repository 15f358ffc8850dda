package org.plugboard.transfer.internal;

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
 * Every extension's own transfer permit, in memory for the call strands and in the database ({@link PermitStore})
 * for restarts. Reads ({@link #get}) never touch the database. Writes run one at a time on this registry's own
 * writer thread: the database first, then memory, so a failed write leaves memory as it was.
 *
 * <p>The DataSource is the PBX's ({@code dataSourceName=plugboard}); {@code dataSource.target} in
 * {@code etc/org.plugboard.transfer.cfg} points it elsewhere.
 */
@Component(service = PermitRegistry.class, configurationPid = TransferService.PID)
public class PermitRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(PermitRegistry.class);

    private final PermitStore store;
    private final Clock clock;
    private final Map<String, Permit> own = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "transfer-permit-writer");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public PermitRegistry(@Reference(name = "dataSource", target = "(dataSourceName=plugboard)") DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    PermitRegistry(DataSource dataSource, Clock clock) {
        this.store = new PermitStore(dataSource);
        this.clock = clock;
        int applied = store.migrate(getClass().getClassLoader());
        store.loadAll().forEach(p -> own.put(p.extension(), p));
        LOG.info("Transfer permits ready: {} extension(s) with a permit of their own{}", own.size(),
                applied > 0 ? " (" + applied + " migration(s) applied)" : "");
    }

    /** The default policy changed: the permits stay loaded. */
    @Modified
    void modified() {
        // nothing to do: this component only needs its DataSource
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        writer.shutdown();
        if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
            LOG.warn("Transfer permit writer still busy after 5 s; stopping it (a pending change may be lost)");
            writer.shutdownNow();
        }
    }

    /** The extension's own permit, or one that follows the defaults. From memory: safe on a call's strand. */
    public Permit get(String extension) {
        Permit p = extension == null ? null : own.get(extension);
        return p != null ? p : Permit.defaults(extension == null ? "?" : extension);
    }

    /** Every extension with a permit of its own, by number. */
    public List<Permit> own() {
        return own.values().stream().sorted(Comparator.comparing(Permit::extension)).toList();
    }

    /** Changes one extension's permit on the writer thread: stored, then in memory; fails with the store's error. */
    public CompletableFuture<Permit> change(String extension, UnaryOperator<Permit> how) {
        return CompletableFuture.supplyAsync(() -> {
            Permit before = get(extension);
            Permit after = how.apply(before);
            if (after.equals(before)) {
                return before;
            }
            store.save(after, clock.instant());
            if (after.followsDefaults()) {
                own.remove(extension);
            } else {
                own.put(extension, after);
            }
            LOG.info("Transfer permit of {}: transfer {}, outside {}", extension, after.transfer() == null ? "default" : after.transfer(),
                    after.outside() == null ? "default" : after.outside());
            return after;
        }, writer);
    }
}
