package org.plugboard.handover.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.plugboard.api.handover.HandoverStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hand-over store: a map in memory, in a bundle that is deliberately tiny so it never needs an update itself.
 * Deposits wait for their owner's next version for {@code keep.seconds}; a bundle that was stopped for good
 * leaves them behind, and they are dropped with a warning naming how many items were lost.
 */
@Component(service = HandoverStore.class, immediate = true, configurationPid = "org.plugboard.handover")
@Designate(ocd = MemoryHandoverStore.Config.class)
public class MemoryHandoverStore implements HandoverStore {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryHandoverStore.class);

    @ObjectClassDefinition(id = "org.plugboard.handover", name = "Plugboard hand-over store",
            description = "Keeps live state of a bundle while it is updated")
    public @interface Config {
        @AttributeDefinition(name = "Keep time (s)", description = "How long a deposit waits for the owner's next version", min = "1")
        int keep_seconds() default 300;
    }

    private record Deposit(long at, List<Map<String, Object>> states) {
    }

    private final Map<String, List<Deposit>> deposits = new HashMap<>();
    private final ScheduledExecutorService janitor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "plugboard-handover-janitor");
        t.setDaemon(true);
        return t;
    });
    private final long keepMillis;
    /** Wall-clock milliseconds; a manual clock in the tests. */
    private final LongSupplier clock;

    @Activate
    public MemoryHandoverStore(Config config) {
        this(config, System::currentTimeMillis);
    }

    MemoryHandoverStore(Config config, LongSupplier clock) {
        this.keepMillis = config.keep_seconds() * 1000L;
        this.clock = clock;
        janitor.scheduleWithFixedDelay(this::dropOld, 10, 10, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        janitor.shutdownNow();
        synchronized (this) {
            deposits.forEach((owner, list) -> LOG.warn("Hand-over store stopping: {} item(s) of '{}' are lost", count(list), owner));
            deposits.clear();
        }
    }

    @Override
    public synchronized void deposit(String owner, List<Map<String, Object>> states) {
        if (states.isEmpty()) {
            return;
        }
        deposits.computeIfAbsent(owner, o -> new ArrayList<>()).add(new Deposit(clock.getAsLong(), List.copyOf(states)));
        LOG.info("'{}' handed over {} item(s)", owner, states.size());
    }

    @Override
    public synchronized List<Map<String, Object>> collect(String owner) {
        List<Deposit> list = deposits.remove(owner);
        if (list == null) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        list.forEach(d -> out.addAll(d.states()));
        LOG.info("'{}' collected {} handed-over item(s)", owner, out.size());
        return out;
    }

    synchronized void dropOld() {
        long cutoff = clock.getAsLong() - keepMillis;
        deposits.entrySet().removeIf(e -> {
            List<Deposit> old = e.getValue().stream().filter(d -> d.at() < cutoff).toList();
            if (!old.isEmpty()) {
                LOG.warn("'{}' did not collect {} handed-over item(s) within {} s: they are dropped", e.getKey(), count(old),
                        keepMillis / 1000);
                e.getValue().removeAll(old);
            }
            return e.getValue().isEmpty();
        });
    }

    private static int count(List<Deposit> list) {
        return list.stream().mapToInt(d -> d.states().size()).sum();
    }
}
