package org.plugboard.recording.internal;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.settingsdb.BundleSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recording policies: in memory ({@link #policies}, read on call strands without SQL) and in the database
 * (schema {@code recording}). Writes run one at a time on this registry's writer thread, database first, so memory
 * changes only after a commit.
 */
@Component(service = PolicyRegistry.class, configurationPid = RecordingConfig.PID)
public class PolicyRegistry {
    static final String SCHEMA = "recording";
    private static final Logger LOG = LoggerFactory.getLogger(PolicyRegistry.class);

    private final PolicyStore store;
    private final Clock clock;
    private volatile Policies policies;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "recording-policy-writer");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public PolicyRegistry(@Reference(name = "dataSource", target = "(dataSourceName=plugboard)") DataSource dataSource,
            RecordingConfig config) {
        this(dataSource, defaultOf(config), Clock.systemUTC());
    }

    /** A bad value must not leave the PBX without recording policies: it is logged and on-demand applies. */
    private static Mode defaultOf(RecordingConfig config) {
        try {
            return Mode.parse(config.defaultPolicy());
        } catch (IllegalArgumentException e) {
            LOG.error("defaultPolicy in etc/{}.cfg: {}; on-demand applies until it is fixed", RecordingConfig.PID, e.getMessage());
            return Mode.ON_DEMAND;
        }
    }

    PolicyRegistry(DataSource dataSource, Mode configuredDefault, Clock clock) {
        int applied = BundleSchema.migrate(dataSource, PolicyRegistry.class.getClassLoader(), SCHEMA);
        this.store = new PolicyStore(dataSource);
        this.clock = clock;
        this.policies = Policies.of(store.loadAll(), configuredDefault);
        LOG.info("Recording policies ready: {} stored, site default {}{}", policies.all().size(), configuredDefault.word(),
                applied > 0 ? " (" + applied + " migration(s) applied)" : "");
    }

    @Modified
    void modified(RecordingConfig config) {
        Mode m = Mode.parse(config.defaultPolicy()); // a bad value throws: SCR logs it, the previous default stays
        policies = policies.withDefault(m);
        LOG.info("Recording site default (configuration): {}", m.word());
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        writer.shutdown();
        if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
            writer.shutdownNow();
        }
    }

    /** From memory: safe on a call's strand. */
    public Policies policies() {
        return policies;
    }

    public CompletableFuture<Policy> set(Policy p) {
        return CompletableFuture.supplyAsync(() -> {
            store.save(p, clock.instant());
            policies = policies.with(p);
            LOG.info("Recording policy of {} {}: {}", p.scope().word(), p.name(), p.mode().word());
            return p;
        }, writer);
    }

    /** @return whether there was such a policy */
    public CompletableFuture<Boolean> remove(Scope scope, String name) {
        String n = scope == Scope.SITE ? Policy.SITE_NAME : name;
        return CompletableFuture.supplyAsync(() -> {
            boolean was = store.delete(scope, n);
            policies = policies.without(scope, n);
            if (was) {
                LOG.info("Recording policy of {} {} removed", scope.word(), n);
            }
            return was;
        }, writer);
    }
}
