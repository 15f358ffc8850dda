package org.plugboard.media.endpoint;

import java.util.ArrayList;
import java.util.List;

/** A manual clock for the timers: {@link #advance} runs what falls due, in order. */
final class ManualTimers implements Timers {
    private record Pending(long at, Runnable task, boolean[] cancelled) {
    }

    private final List<Pending> pending = new ArrayList<>();
    private long now;

    @Override
    public Timer after(long millis, Runnable task) {
        boolean[] cancelled = {false};
        pending.add(new Pending(now + millis, task, cancelled));
        return () -> cancelled[0] = true;
    }

    void advance(long millis) {
        long until = now + millis;
        while (true) {
            Pending next = null;
            for (Pending p : pending) {
                if (!p.cancelled()[0] && p.at() <= until && (next == null || p.at() < next.at())) {
                    next = p;
                }
            }
            if (next == null) {
                break;
            }
            pending.remove(next);
            now = next.at();
            next.task().run();
        }
        now = until;
    }

    /** Timers armed and not cancelled or run. */
    long armed() {
        return pending.stream().filter(p -> !p.cancelled()[0]).count();
    }
}
