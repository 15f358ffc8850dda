package org.plugboard.sip.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WARN and ERROR lines that a flood cannot multiply: at most one line per cause per interval; the next line of a
 * cause says how many were left out since the last one. Causes are short fixed keys chosen by the caller (a
 * transport, a method, a rewriter class), never a peer address, so the map stays small.
 */
final class RateLimitedLog {
    static final long INTERVAL_MILLIS = 60_000;
    private static final int MAX_CAUSES = 1_000;

    private final Logger log;
    private final long intervalMillis;
    private final LongSupplier clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        volatile long lastLogged = Long.MIN_VALUE;
        final AtomicLong suppressed = new AtomicLong();
    }

    RateLimitedLog(Logger log, long intervalMillis, LongSupplier clock) {
        this.log = log;
        this.intervalMillis = intervalMillis;
        this.clock = clock;
    }

    static RateLimitedLog of(Class<?> owner) {
        return new RateLimitedLog(LoggerFactory.getLogger(owner), INTERVAL_MILLIS, System::currentTimeMillis);
    }

    /**
     * Logs at WARN unless {@code cause} was logged within the interval. A trailing Throwable argument is logged
     * as the exception, as SLF4J does.
     *
     * @return how many lines of this cause were left out before this one, or -1 when this one is left out
     */
    long warn(String cause, String format, Object... args) {
        return log(false, cause, format, args);
    }

    /** Like {@link #warn} at ERROR. */
    long error(String cause, String format, Object... args) {
        return log(true, cause, format, args);
    }

    private long log(boolean error, String cause, String format, Object... args) {
        if (windows.size() > MAX_CAUSES) {
            windows.clear();
        }
        Window w = windows.computeIfAbsent(cause, c -> new Window());
        long now = clock.getAsLong();
        synchronized (w) {
            if (w.lastLogged != Long.MIN_VALUE && now - w.lastLogged < intervalMillis) {
                w.suppressed.incrementAndGet();
                return -1;
            }
            w.lastLogged = now;
        }
        long left = w.suppressed.getAndSet(0);
        String fmt = left == 0 ? format : format + " ({} more like this in the last {} s)";
        Object[] all = left == 0 ? args : withCount(args, left, intervalMillis / 1000);
        if (error) {
            log.error(fmt, all);
        } else {
            log.warn(fmt, all);
        }
        return left;
    }

    /** The count goes before a trailing Throwable, which SLF4J only treats as the exception when it comes last. */
    private static Object[] withCount(Object[] args, long count, long seconds) {
        boolean thrown = args.length > 0 && args[args.length - 1] instanceof Throwable;
        int plain = thrown ? args.length - 1 : args.length;
        Object[] out = Arrays.copyOf(args, args.length + 2);
        out[plain] = count;
        out[plain + 1] = seconds;
        if (thrown) {
            out[plain + 2] = args[args.length - 1];
        }
        return out;
    }
}
