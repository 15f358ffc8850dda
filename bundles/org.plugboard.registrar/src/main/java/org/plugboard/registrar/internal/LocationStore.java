package org.plugboard.registrar.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.location.Binding;
import org.plugboard.api.location.LocationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bindings in memory, so lookups never touch the database, and written through to table {@code location_binding}
 * so they survive a restart, a bundle update and a kill -9. A change is made in memory at once; its
 * {@link Change#stored() stage} completes when the group commit that holds it has committed (see
 * {@link GroupCommit}), and the REGISTER handler sends its 200 only then. Expired bindings are purged every 30 s
 * and never returned.
 */
@Component(service = {LocationService.class, LocationStore.class}, configurationPid = "org.plugboard.registrar")
public class LocationStore implements LocationService {
    private static final Logger LOG = LoggerFactory.getLogger(LocationStore.class);
    private static final int MAX_WAITING = 100_000;
    /** Least time between two commits' starts: at most 50 commits (and H2 checkpoints) a second, whatever the load. */
    static final Duration COMMIT_INTERVAL = Duration.ofMillis(20);

    /** The bindings of an extension after a change, and when the change is committed. */
    record Change(List<Binding> bindings, CompletableFuture<Void> stored) {
    }

    private final Clock clock;
    private final Map<String, List<Binding>> byExtension = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "plugboard-location-timer");
        t.setDaemon(true);
        return t;
    });
    private final GroupCommit commits;
    private final boolean checkpoints;

    @Activate
    public LocationStore(@Reference(name = "dataSource") DataSource dataSource, RegistrarConfig config) {
        this(new JdbcLocationTable(dataSource), Clock.systemUTC(), storeTimeout(config));
    }

    private LocationStore(JdbcLocationTable table, Clock clock, Duration timeout) {
        this(table, table.load(clock.instant()), clock, timeout);
        LOG.info("Location service ready: {} registrations restored; a REGISTER is answered once its binding is "
                + "committed (timeout {} s)", count(), timeout.toSeconds());
    }

    /** With any table (tests: one whose commits they release), starting from {@code restored}. */
    LocationStore(LocationTable table, List<Binding> restored, Clock clock, Duration timeout) {
        this.clock = clock;
        this.checkpoints = table instanceof JdbcLocationTable j && j.checkpoints();
        for (Binding b : restored) {
            byExtension.merge(b.extension(), List.of(b), (a, x) -> {
                List<Binding> l = new ArrayList<>(a);
                l.addAll(x);
                return List.copyOf(l);
            });
        }
        this.commits = new GroupCommit(table, ext -> byExtension.getOrDefault(ext, List.of()), COMMIT_INTERVAL, timeout,
                MAX_WAITING, timer);
        timer.scheduleWithFixedDelay(this::purgeExpired, 30, 30, TimeUnit.SECONDS);
    }

    static Duration storeTimeout(RegistrarConfig config) {
        int s = config.store_timeout();
        if (s < 1 || s > 30) {
            throw new IllegalArgumentException("org.plugboard.registrar store.timeout = " + s + " s: use 1 to 30 (a "
                    + "phone gives up on a REGISTER after 32 s), e.g. 5");
        }
        return Duration.ofSeconds(s);
    }

    @Deactivate
    void deactivate() {
        commits.close(Duration.ofSeconds(5)); // writes what is pending, answers what waits
        timer.shutdownNow();
    }

    @Override
    public List<Binding> lookup(String extension) {
        Instant now = clock.instant();
        return byExtension.getOrDefault(extension, List.of()).stream().filter(b -> b.expiresAt().isAfter(now)).toList();
    }

    @Override
    public List<Binding> all() {
        Instant now = clock.instant();
        return byExtension.values().stream().flatMap(List::stream).filter(b -> b.expiresAt().isAfter(now))
                .sorted(Comparator.comparing(Binding::extension).thenComparing(Binding::contact)).toList();
    }

    public int count() {
        return byExtension.values().stream().mapToInt(List::size).sum();
    }

    /** What the writer has done, for {@code pbx:reg-store}. */
    public StoreStats stats() {
        return commits.stats();
    }

    /** Whether each commit is followed by H2's CHECKPOINT SYNC. */
    public boolean checkpoints() {
        return checkpoints;
    }

    /**
     * Atomically replaces the bindings of one extension with what {@code change} makes of the live ones (newest
     * first), and submits the write. The function must be quick and pure: it runs under the map's lock.
     */
    Change update(String extension, UnaryOperator<List<Binding>> change) {
        Instant now = clock.instant();
        List<Binding> result = byExtension.compute(extension, (k, old) -> {
            List<Binding> live = old == null ? List.of()
                    : old.stream().filter(b -> b.expiresAt().isAfter(now)).toList();
            List<Binding> next = List.copyOf(change.apply(live));
            return next.isEmpty() ? null : next;
        });
        return new Change(result == null ? List.of() : result, commits.submit(extension));
    }

    Instant now() {
        return clock.instant();
    }

    private void purgeExpired() {
        try {
            Instant now = clock.instant();
            for (String ext : List.copyOf(byExtension.keySet())) {
                List<Binding> list = byExtension.get(ext);
                if (list != null && list.stream().anyMatch(b -> !b.expiresAt().isAfter(now))) {
                    update(ext, live -> live);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Purging expired registrations failed: {}", e.toString());
        }
    }
}
