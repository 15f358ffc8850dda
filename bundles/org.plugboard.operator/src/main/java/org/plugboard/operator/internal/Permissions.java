package org.plugboard.operator.internal;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which extensions hold the operator permission: in memory for the call strands ({@link #allowed}), in the database
 * for restarts; changes on this component's writer thread, database first, then memory.
 */
@Component(service = Permissions.class, configurationPid = OperatorConfig.PID)
public class Permissions {
    private static final Logger LOG = LoggerFactory.getLogger(Permissions.class);

    private final PermissionStore store;
    private final Clock clock;
    private final Set<String> allowed = ConcurrentHashMap.newKeySet();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "operator-permissions-writer");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public Permissions(@Reference(name = "dataSource", target = "(dataSourceName=plugboard)") DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    Permissions(DataSource dataSource, Clock clock) {
        this.store = new PermissionStore(dataSource);
        this.clock = clock;
        int applied = store.migrate(getClass().getClassLoader());
        allowed.addAll(store.loadAll());
        LOG.info("Operator permissions ready: {} extension(s){}", allowed.size(), applied > 0 ? " (" + applied + " migration(s) applied)" : "");
    }

    @Modified
    void modified() {
        // the codes are the service's; only the DataSource matters here
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        writer.shutdown();
        if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
            writer.shutdownNow();
        }
    }

    /** From memory: safe on a call's strand. */
    public boolean allowed(String extension) {
        return extension != null && allowed.contains(extension);
    }

    public List<String> all() {
        return allowed.stream().sorted().toList();
    }

    /** @return completes with true when the permission changed, false when it already was so */
    public CompletableFuture<Boolean> set(String extension, boolean allow) {
        return CompletableFuture.supplyAsync(() -> {
            boolean changed = store.set(extension, allow, clock.instant());
            if (allow) {
                allowed.add(extension);
            } else {
                allowed.remove(extension);
            }
            if (changed) {
                LOG.info("Operator permission {} {}", allow ? "granted to" : "taken from", extension);
            }
            return changed;
        }, writer);
    }
}
