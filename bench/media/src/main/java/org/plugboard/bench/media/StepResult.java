package org.plugboard.bench.media;

import java.util.Locale;

/** One row of the results: what was sent and received, latency, CPU and kernel drops of one step. */
record StepResult(String engine, String kind, int calls, int seconds, long sent, long received, long duplicates,
        long reordered, long misrouted, long strays, long malformed, double p50Micros, double p99Micros,
        double p999Micros, double maxMicros, double engineCpu, double generatorCpu, double softirqCpu, double otherCpu,
        long rcvbufErrors, long generatorSocketDrops, long engineSocketDrops, double lagP99Micros,
        double lagMaxMicros, long setupMillis, double achievedPps, String outcome) {

    static final String HEADER = "engine,kind,calls,streams,seconds,sent,received,lost,loss_pct,duplicates,reordered,"
            + "misrouted,strays,malformed,p50_us,p99_us,p999_us,max_us,engine_cpu_pct,generator_cpu_pct,"
            + "softirq_cpu_pct,other_cpu_pct,udp_rcvbuf_errors,generator_socket_drops,engine_socket_drops,send_lag_p99_us,"
            + "send_lag_max_us,setup_ms,achieved_pps,outcome";

    long lost() {
        return sent - received;
    }

    /** A step passes with every packet received once, none misrouted, and the set-up done. */
    boolean clean() {
        return "ok".equals(outcome);
    }

    static StepResult setupFailed(String engine, String kind, int calls, int seconds, long setupMillis) {
        return new StepResult(engine, kind, calls, seconds, 0, 0, 0, 0, 0, 0, 0, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0,
                -1, -1, setupMillis, 0, "setup-failed");
    }

    String csv() {
        double lossPct = sent == 0 ? 0 : 100.0 * lost() / sent;
        return String.format(Locale.ROOT,
                "%s,%s,%d,%d,%d,%d,%d,%d,%.4f,%d,%d,%d,%d,%d,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%d,%d,%d,%.1f,%.1f,%d,%.0f,%s",
                engine, kind, calls, 2 * calls, seconds, sent, received, lost(), lossPct, duplicates, reordered,
                misrouted, strays, malformed, p50Micros, p99Micros, p999Micros, maxMicros, engineCpu, generatorCpu,
                softirqCpu, otherCpu, rcvbufErrors, generatorSocketDrops, engineSocketDrops, lagP99Micros, lagMaxMicros,
                setupMillis, achievedPps, outcome);
    }
}
