package org.plugboard.bench.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * The media relay load generator: N G.711 calls, both directions, through an engine set up over the ng protocol
 * (or a plain UDP echo), for each N of the ramp; prints one CSV row per step. A warm-up step comes first.
 * See bench/media/README.md.
 */
public final class MediaLoad {
    private final Options o;
    private final Generator gen;
    private final CallSetup setup;
    private final long selfPid = ProcessHandle.current().pid();
    private int tag = (int) (System.nanoTime() & 0x7fff_0000);

    private MediaLoad(Options o, Generator gen, CallSetup setup) {
        this.o = o;
        this.gen = gen;
        this.setup = setup;
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("media-load: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (o.pingSeconds > 0) {
            System.exit(waitForPong(o) ? 0 : 1);
        }
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(o.maxSeconds));
                System.err.println("media-load: --max-seconds " + o.maxSeconds + " passed, exiting");
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException e) {
                // finished in time
            }
        }, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        int rc;
        try (Generator gen = new Generator(o.localIp, o.firstPort, o.socketsPerSide, o.loops);
                NgClient ng = "ng".equals(o.mode) ? new NgClient(o.ngLocal, o.target, o.ngTimeoutMillis) : null) {
            if (ng != null && !ng.ping()) {
                log("no ng pong from " + o.target);
                System.exit(1);
            }
            CallSetup setup = new CallSetup(ng, "echo".equals(o.mode) ? o.target : null, gen,
                    Long.toString(System.currentTimeMillis(), 36));
            rc = new MediaLoad(o, gen, setup).ramp();
        }
        System.exit(rc);
    }

    /** Pings the ng engine once a second (each ping up to 3 tries of the ng timeout) for up to --ping-seconds. */
    private static boolean waitForPong(Options o) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.pingSeconds);
        try (NgClient ng = new NgClient(o.ngLocal, o.target, Math.min(o.ngTimeoutMillis, 300))) {
            while (System.nanoTime() < deadline) {
                if (ng.ping()) {
                    return true;
                }
                Thread.sleep(1000);
            }
        }
        return false;
    }

    /** Warm-up, then each N until {@code stopAfterMisses} steps in a row lose packets; 0 if any step was clean. */
    private int ramp() throws Exception {
        if (o.csv != null && (!Files.exists(o.csv) || Files.size(o.csv) == 0)) {
            Files.writeString(o.csv, StepResult.HEADER + "\n");
        }
        System.out.println(StepResult.HEADER);
        if (o.warmupCalls > 0 && o.warmupSeconds > 0) {
            emit(step("warmup", o.warmupCalls, o.warmupSeconds));
            Thread.sleep(o.pauseMillis);
        }
        int misses = 0;
        boolean anyClean = false;
        for (int n : o.calls) {
            StepResult r = step("ramp", n, o.seconds);
            emit(r);
            anyClean |= r.clean();
            misses = r.clean() ? 0 : misses + 1;
            if (misses >= o.stopAfterMisses) {
                log(o.engine + ": " + misses + " steps in a row not clean, ramp stopped");
                break;
            }
            Thread.sleep(o.pauseMillis);
        }
        return anyClean ? 0 : 1;
    }

    private StepResult step(String kind, int calls, int seconds) throws Exception {
        StepState step = new StepState(++tag, calls, seconds * 50, gen.loopCount());
        log(String.format("%s: %s %d calls (%d streams) for %d s ...", o.engine, kind, calls, 2 * calls, seconds));
        long t = System.nanoTime();
        try {
            setup.setUp(step);
        } catch (IOException | RuntimeException e) {
            long ms = (System.nanoTime() - t) / 1_000_000;
            log(o.engine + ": set-up failed: " + e.getMessage());
            int leftover = setup.tearDown(step);
            if (leftover > 0) {
                log(o.engine + ": " + leftover + " deletes failed after the failed set-up");
            }
            return StepResult.setupFailed(o.engine, kind, calls, seconds, ms);
        }
        long setupMillis = (System.nanoTime() - t) / 1_000_000;

        Map<String, Long> threads0 = o.threads != null && o.enginePid > 0 ? ProcStats.threadTicks(o.enginePid) : null;
        long gen0 = ProcStats.processTicks(selfPid), eng0 = o.enginePid > 0 ? ProcStats.processTicks(o.enginePid) : 0;
        long[] m0 = ProcStats.machineTicks();
        long rcv0 = ProcStats.udpReceiveBufferErrors();
        long genDrops0 = ProcStats.socketDrops(o.firstPort, o.firstPort + 2 * o.socketsPerSide - 1);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        step.startNanos = start;
        boolean inTime = gen.send(step, start, TimeUnit.MICROSECONDS.toNanos(o.tickMicros),
                TimeUnit.SECONDS.toNanos(seconds + 30L));
        long sendEnd = System.nanoTime();
        Thread.sleep(o.drainMillis);
        long window = System.nanoTime() - start;
        long gen1 = ProcStats.processTicks(selfPid), eng1 = o.enginePid > 0 ? ProcStats.processTicks(o.enginePid) : 0;
        long[] m1 = ProcStats.machineTicks();
        long rcv1 = ProcStats.udpReceiveBufferErrors();
        long genDrops1 = ProcStats.socketDrops(o.firstPort, o.firstPort + 2 * o.socketsPerSide - 1);
        long engineDrops = "ng".equals(o.mode) ? ProcStats.socketDrops(o.enginePortMin, o.enginePortMax) : 0;
        Map<String, Long> threads1 = threads0 != null ? ProcStats.threadTicks(o.enginePid) : null;
        gen.finish();
        int deleteFailures = setup.tearDown(step);

        Histogram lat = new Histogram(3), lag = new Histogram(3);
        long dup = 0, reo = 0, mis = 0, stray = 0, bad = 0;
        for (LoopStats s : step.loops) {
            lat.add(s.latency);
            lag.add(s.sendLag);
            dup += s.duplicates;
            reo += s.reordered;
            mis += s.misrouted;
            stray += s.strays;
            bad += s.malformed;
        }
        long sent = 0, received = 0;
        for (int s = 0; s < step.streams; s++) {
            sent += step.sent[s];
            received += step.received[s];
        }
        double windowTicks = window / 1e9 * o.clockTicks;
        double engCpu = 100.0 * (eng1 - eng0) / windowTicks, genCpu = 100.0 * (gen1 - gen0) / windowTicks;
        double machineCpu = 100.0 * (m1[0] - m0[0]) / windowTicks; // /proc/stat sums every core
        double softirqCpu = 100.0 * (m1[2] - m0[2]) / windowTicks;
        String outcome = !inTime ? "generator-late"
                : sent != (long) step.streams * step.packetsPerStream ? "short"
                : sent != received || mis > 0 ? "loss" : "ok";
        logTimeline(kind, calls, step);
        if (deleteFailures > 0) {
            log(o.engine + ": " + deleteFailures + " deletes failed");
        }
        if (threads1 != null) {
            writeThreads(kind, calls, threads0, threads1, windowTicks);
        }
        return new StepResult(o.engine, kind, calls, seconds, sent, received, dup, reo, mis, stray, bad,
                micros(lat.getValueAtPercentile(50)), micros(lat.getValueAtPercentile(99)),
                micros(lat.getValueAtPercentile(99.9)), micros(lat.getMaxValue()), engCpu, genCpu,
                softirqCpu, Math.max(0, machineCpu - engCpu - genCpu - softirqCpu), rcv1 - rcv0, genDrops1 - genDrops0, engineDrops,
                micros(lag.getValueAtPercentile(99)), micros(lag.getMaxValue()), setupMillis,
                sent / ((sendEnd - start) / 1e9), outcome);
    }

    private void writeThreads(String kind, int calls, Map<String, Long> before, Map<String, Long> after,
            double windowTicks) throws IOException {
        List<String> lines = new ArrayList<>();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
                .limit(20)
                .forEach(e -> lines.add(String.format(Locale.ROOT, "%s,%s,%d,%s,%.1f", o.engine, kind, calls,
                        e.getKey().replace(',', ' '), 100.0 * e.getValue() / windowTicks)));
        Files.write(o.threads, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Seconds of the step with packets later than 10 ms: tells a few stalls from a steady queue. */
    private void logTimeline(String kind, int calls, StepState step) {
        StringBuilder line = new StringBuilder();
        for (int sec = 0; sec < LoopStats.SECONDS; sec++) {
            long slow = 0, max = 0;
            for (LoopStats s : step.loops) {
                slow += s.slowPerSecond[sec];
                max = Math.max(max, s.maxPerSecond[sec]);
            }
            if (slow > 0) {
                line.append(String.format(Locale.ROOT, " s%d: %d (max %.1f ms)", sec, slow, max / 1e6));
            }
        }
        log(o.engine + ": " + kind + " " + calls + " calls: packets later than 10 ms by second of the step:"
                + (line.length() == 0 ? " none" : line));
    }

    private void emit(StepResult r) throws IOException {
        String row = r.csv();
        System.out.println(row);
        System.out.flush();
        if (o.csv != null) {
            Files.writeString(o.csv, row + "\n", StandardOpenOption.APPEND);
        }
        log(String.format(Locale.ROOT, "%s: %s %d calls: sent %d received %d lost %d, p50 %.0f us p99 %.0f us, "
                + "engine CPU %.0f%%, generator CPU %.0f%%, %s", r.engine(), r.kind(), r.calls(), r.sent(),
                r.received(), r.lost(), r.p50Micros(), r.p99Micros(), r.engineCpu(), r.generatorCpu(), r.outcome()));
    }

    private static double micros(long ns) {
        return ns / 1000.0;
    }

    private static void log(String msg) {
        System.err.printf("[%tT] %s%n", System.currentTimeMillis(), msg);
    }
}
