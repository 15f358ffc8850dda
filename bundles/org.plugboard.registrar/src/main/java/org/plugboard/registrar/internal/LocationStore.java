package org.plugboard.registrar.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.location.Binding;
import org.plugboard.api.location.LocationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bindings in memory for speed, written behind to the database so they survive a restart or a bundle update.
 * Changes are coalesced per extension and flushed within about 50 ms by one writer thread; a kill -9 loses at
 * most that window. Expired bindings are purged every 30 s and never returned.
 */
@Component(service = {LocationService.class, LocationStore.class}, configurationPid = "org.plugboard.registrar")
public class LocationStore implements LocationService {
    private static final Logger LOG = LoggerFactory.getLogger(LocationStore.class);
    private static final long FLUSH_DELAY_MS = 50;

    private final DataSource dataSource;
    private final Clock clock;
    private final Map<String, List<Binding>> byExtension = new ConcurrentHashMap<>();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "plugboard-location-writer");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public LocationStore(@Reference(name = "dataSource") DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    LocationStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        Flyway.configure(getClass().getClassLoader()).dataSource(dataSource)
                .locations("classpath:db/migration/registrar").table("flyway_registrar_history")
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        load();
        writer.scheduleWithFixedDelay(this::purgeExpired, 30, 30, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush(); // whatever is still pending, on the caller's thread
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

    /**
     * Atomically replaces the bindings of one extension with what {@code change} makes of the live ones (newest
     * first), and schedules the write. The function must be quick and pure: it runs under the map's lock.
     */
    List<Binding> update(String extension, UnaryOperator<List<Binding>> change) {
        Instant now = clock.instant();
        List<Binding> result = byExtension.compute(extension, (k, old) -> {
            List<Binding> live = old == null ? List.of()
                    : old.stream().filter(b -> b.expiresAt().isAfter(now)).toList();
            List<Binding> next = List.copyOf(change.apply(live));
            return next.isEmpty() ? null : next;
        });
        markDirty(extension);
        return result == null ? List.of() : result;
    }

    Instant now() {
        return clock.instant();
    }

    private void markDirty(String extension) {
        dirty.add(extension);
        if (flushScheduled.compareAndSet(false, true)) {
            try {
                writer.schedule(this::flush, FLUSH_DELAY_MS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                flushScheduled.set(false); // shutting down: deactivate() flushes
            }
        }
    }

    /** Writes the current bindings of every dirty extension in one transaction. */
    synchronized void flush() {
        flushScheduled.set(false);
        if (dirty.isEmpty()) {
            return;
        }
        Set<String> batch = new HashSet<>(dirty);
        dirty.removeAll(batch);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM location_binding WHERE extension = ?");
                    PreparedStatement ins = c.prepareStatement("INSERT INTO location_binding (extension, contact, "
                            + "expires_epoch, call_id, cseq, source, transport, user_agent, instance_id) VALUES (?,?,?,?,?,?,?,?,?)")) {
                for (String ext : batch) {
                    del.setString(1, ext);
                    del.addBatch();
                    for (Binding b : byExtension.getOrDefault(ext, List.of())) {
                        ins.setString(1, b.extension());
                        ins.setString(2, b.contact());
                        ins.setLong(3, b.expiresAt().getEpochSecond());
                        ins.setString(4, b.callId());
                        ins.setLong(5, b.cseq());
                        ins.setString(6, b.source());
                        ins.setString(7, b.transport());
                        ins.setString(8, b.userAgent());
                        ins.setString(9, b.instanceId());
                        ins.addBatch();
                    }
                }
                del.executeBatch();
                ins.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            LOG.warn("Could not write {} registrations to the database, retrying in 1 s: {}", batch.size(), e.getMessage());
            dirty.addAll(batch);
            if (!writer.isShutdown() && flushScheduled.compareAndSet(false, true)) {
                writer.schedule(this::flush, 1, TimeUnit.SECONDS);
            }
        }
    }

    private void load() {
        long now = clock.instant().getEpochSecond();
        int loaded = 0;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement purge = c.prepareStatement("DELETE FROM location_binding WHERE expires_epoch <= ?")) {
                purge.setLong(1, now);
                purge.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT extension, contact, expires_epoch, call_id, cseq, source, "
                    + "transport, user_agent, instance_id FROM location_binding ORDER BY extension, expires_epoch DESC");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Binding b = new Binding(rs.getString(1), rs.getString(2), Instant.ofEpochSecond(rs.getLong(3)),
                            rs.getString(4), rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9));
                    byExtension.merge(b.extension(), List.of(b), (a, x) -> {
                        List<Binding> l = new ArrayList<>(a);
                        l.addAll(x);
                        return List.copyOf(l);
                    });
                    loaded++;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot load registrations: " + e.getMessage(), e);
        }
        LOG.info("Location service ready: {} registrations restored", loaded);
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
