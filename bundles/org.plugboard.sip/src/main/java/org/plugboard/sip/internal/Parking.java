package org.plugboard.sip.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds requests and responses whose handler is between two versions (a {@code bundle:update} unregisters the
 * old one moments before the new one registers). Only keys whose handler left within the window are parked;
 * when the handler comes back they are delivered in arrival order, when the window closes they expire (a request
 * is then answered 503). Bounded: beyond {@code capacity} items nothing more is parked.
 */
final class Parking {
    private static final Logger LOG = LoggerFactory.getLogger(Parking.class);

    private record Parked(String key, long deadline, Runnable deliver, Runnable expire) {
    }

    private final Map<String, Long> goneUntil = new HashMap<>();
    private final Deque<Parked> parked = new ArrayDeque<>();
    private final int capacity;
    private final LongSupplier clock;
    private volatile long windowMillis;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "plugboard-sip-parking");
        t.setDaemon(true);
        return t;
    });

    Parking(long windowMillis, int capacity, LongSupplier clock) {
        this.windowMillis = windowMillis;
        this.capacity = capacity;
        this.clock = clock;
        worker.scheduleWithFixedDelay(this::expireOld, 500, 500, TimeUnit.MILLISECONDS);
    }

    void setWindow(long millis) {
        windowMillis = millis;
    }

    /**
     * Stops the worker. What still waits is dropped unanswered: its transactions die with the stack, and a 503
     * would refuse a call the next version can take when the peer retransmits (UDP: T1, 2*T1, ...).
     */
    void shutdown() {
        worker.shutdownNow();
        int dropped;
        synchronized (this) {
            dropped = parked.size();
            parked.clear();
        }
        if (dropped > 0) {
            LOG.info("{} message(s) waiting for their handler dropped with the stack; peers retransmit them to the next one",
                    dropped);
        }
    }

    /** The keys whose handler is awaited now. */
    synchronized java.util.Set<String> waitingFor() {
        long now = clock.getAsLong();
        java.util.Set<String> keys = new java.util.TreeSet<>();
        goneUntil.forEach((key, until) -> {
            if (until >= now) {
                keys.add(key);
            }
        });
        return keys;
    }

    /** The handler of {@code key} went away: park its traffic for the window. */
    synchronized void gone(String key) {
        if (windowMillis > 0) {
            goneUntil.put(key, clock.getAsLong() + windowMillis);
        }
    }

    /** @return true when the item was parked, false when the caller must handle the absence itself */
    synchronized boolean park(String key, Runnable deliver, Runnable expire) {
        Long until = goneUntil.get(key);
        if (until == null || until < clock.getAsLong() || parked.size() >= capacity) {
            return false;
        }
        parked.add(new Parked(key, until, deliver, expire));
        return true;
    }

    /** The handler of {@code key} is back: deliver what waited, in order, off the caller's thread. */
    void arrived(String key) {
        List<Parked> ready = new ArrayList<>();
        synchronized (this) {
            goneUntil.remove(key);
            for (Iterator<Parked> it = parked.iterator(); it.hasNext();) {
                Parked p = it.next();
                if (p.key().equals(key)) {
                    ready.add(p);
                    it.remove();
                }
            }
        }
        if (!ready.isEmpty()) {
            LOG.info("Delivering {} message(s) that waited for '{}'", ready.size(), key);
            worker.execute(() -> ready.forEach(p -> run(p.deliver())));
        }
    }

    void expireOld() {
        List<Parked> expired = new ArrayList<>();
        synchronized (this) {
            long now = clock.getAsLong();
            goneUntil.values().removeIf(until -> until < now);
            for (Iterator<Parked> it = parked.iterator(); it.hasNext();) {
                Parked p = it.next();
                if (p.deadline() < now) {
                    expired.add(p);
                    it.remove();
                }
            }
        }
        if (!expired.isEmpty()) {
            LOG.warn("{} message(s) waited in vain for their handler; requests among them are answered 503", expired.size());
            expired.forEach(p -> run(p.expire()));
        }
    }

    synchronized int size() {
        return parked.size();
    }

    private static void run(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("Delivering a parked message failed", e);
        }
    }
}
