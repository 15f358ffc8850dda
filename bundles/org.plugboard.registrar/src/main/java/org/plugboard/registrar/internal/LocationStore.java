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
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.plugboard.api.location.Binding;
import org.plugboard.api.location.LocationService;
import org.plugboard.api.location.RegistrationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bindings in memory, so lookups never touch the database, and written through to table {@code location_binding}
 * so they survive a restart, a bundle update and a kill -9. A change is made in memory at once; its
 * {@link Change#stored() stage} completes when the group commit that holds it has committed (see
 * {@link GroupCommit}), and the REGISTER handler sends its 200 only then. Expired bindings are never returned; each
 * is purged at its expiry (and every 30 s, as a safety net). Every binding that comes or goes is told to the
 * {@link RegistrationListener} services ({@link BindingChanges}).
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
    private volatile List<RegistrationListener> listeners = List.of();

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
        restored.forEach(this::purgeAtExpiry);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeListener")
    synchronized void addListener(RegistrationListener listener) {
        List<RegistrationListener> l = new ArrayList<>(listeners);
        l.add(listener);
        listeners = List.copyOf(l);
    }

    synchronized void removeListener(RegistrationListener listener) {
        List<RegistrationListener> l = new ArrayList<>(listeners);
        l.remove(listener);
        listeners = List.copyOf(l);
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
        List<List<Binding>> before = new ArrayList<>(1); // what the map held, expired ones included
        List<Binding> result = byExtension.compute(extension, (k, old) -> {
            before.add(old == null ? List.of() : old);
            List<Binding> live = old == null ? List.of()
                    : old.stream().filter(b -> b.expiresAt().isAfter(now)).toList();
            List<Binding> next = List.copyOf(change.apply(live));
            return next.isEmpty() ? null : next;
        });
        List<Binding> after = result == null ? List.of() : result;
        BindingChanges.tell(listeners, before.get(0), after);
        for (Binding b : after) {
            if (!before.get(0).contains(b)) {
                purgeAtExpiry(b);
            }
        }
        return new Change(after, commits.submit(extension));
    }

    /** Purges the binding's extension once it expires, so listeners hear of it then (unless it was refreshed). */
    private void purgeAtExpiry(Binding b) {
        long millis = Math.max(0, b.expiresAt().toEpochMilli() - clock.millis()) + 50;
        try {
            timer.schedule(() -> purgeExpired(b.extension()), millis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // deactivated: the next start purges it
        }
    }

    Instant now() {
        return clock.instant();
    }

    void purgeExpired() {
        for (String ext : List.copyOf(byExtension.keySet())) {
            purgeExpired(ext);
        }
    }

    /** Drops an extension's expired bindings, if it has any (a refreshed binding's old timer finds none). */
    void purgeExpired(String extension) {
        try {
            Instant now = clock.instant();
            List<Binding> list = byExtension.get(extension);
            if (list != null && list.stream().anyMatch(b -> !b.expiresAt().isAfter(now))) {
                update(extension, live -> live);
            }
        } catch (RuntimeException e) {
            LOG.warn("Purging expired registrations of {} failed: {}", extension, e.toString());
        }
    }
}
