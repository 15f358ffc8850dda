package org.plugboard.metrics.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.plugboard.api.metrics.Health;
import org.plugboard.api.metrics.HealthCheck;

/**
 * Runs the registered checks, each with a time limit, and adds a failure for every required check nobody registered
 * (its bundle stopped, or its component could not start: SIP that cannot bind never registers its check).
 */
final class HealthReport {
    record Entry(String name, boolean ok, String reason) {
    }

    record Named(String name, HealthCheck check) {
    }

    private HealthReport() {
    }

    static List<Entry> run(List<Named> checks, Set<String> required, long timeoutMillis, Executor executor) {
        Map<String, CompletableFuture<Health>> running = new LinkedHashMap<>();
        for (Named n : checks) {
            String name = unique(n.name(), running.keySet());
            CompletableFuture<Health> f;
            try {
                f = CompletableFuture.supplyAsync(n.check()::check, executor);
            } catch (RejectedExecutionException e) {
                f = CompletableFuture.completedFuture(Health.down("not run: too many health checks still running"));
            }
            running.put(name, f);
        }
        List<Entry> entries = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        Set<String> present = new TreeSet<>();
        for (Map.Entry<String, CompletableFuture<Health>> e : running.entrySet()) {
            present.add(base(e.getKey()));
            entries.add(outcome(e.getKey(), e.getValue(), deadline, timeoutMillis));
        }
        for (String r : new TreeSet<>(required)) {
            if (!present.contains(r)) {
                entries.add(new Entry(r, false, "no health check '" + r + "' is registered: its bundle is not active or its "
                        + "component could not start (see bundle:list, scr:list and the log)"));
            }
        }
        entries.sort((a, b) -> a.name().compareTo(b.name()));
        return entries;
    }

    static boolean allOk(List<Entry> entries) {
        return entries.stream().allMatch(Entry::ok);
    }

    private static Entry outcome(String name, CompletableFuture<Health> f, long deadline, long timeoutMillis) {
        try {
            Health h = f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return h == null ? new Entry(name, false, "the check answered nothing") : new Entry(name, h.ok(), h.reason());
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Entry(name, false, "no answer within " + timeoutMillis + " ms");
        } catch (ExecutionException e) {
            return new Entry(name, false, "the check failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Entry(name, false, "interrupted");
        }
    }

    private static String unique(String name, Set<String> taken) {
        String n = name;
        for (int i = 2; taken.contains(n); i++) {
            n = name + "#" + i;
        }
        return n;
    }

    private static String base(String name) {
        int hash = name.indexOf('#');
        return hash < 0 ? name : name.substring(0, hash);
    }
}
