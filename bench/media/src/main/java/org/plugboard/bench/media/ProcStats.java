package org.plugboard.bench.media;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** CPU and UDP counters from /proc, read before and after a step. Unreadable entries count as 0. */
final class ProcStats {
    private ProcStats() {
    }

    /** utime + stime of a process (all its threads), in clock ticks; 0 if it is gone. */
    static long processTicks(long pid) {
        return ticksOf(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** Per thread "tid name" -> utime + stime ticks. */
    static Map<String, Long> threadTicks(long pid) {
        Map<String, Long> out = new HashMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
            for (Path t : dir) {
                String stat = read(t.resolve("stat"));
                if (stat == null) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                out.put(t.getFileName() + " " + name, ticksOf(stat));
            }
        } catch (IOException e) {
            // the process ended: no threads
        }
        return out;
    }

    /**
     * Busy, total and softirq ticks of the whole machine (all cores), from the first line of /proc/stat. Loopback
     * UDP delivery runs largely in softirq, which is not charged to the sending or receiving process.
     */
    static long[] machineTicks() {
        String stat = read(Path.of("/proc/stat"));
        if (stat == null) {
            return new long[] {0, 0, 0};
        }
        String[] f = stat.substring(0, stat.indexOf('\n')).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length; i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new long[] {total - idle, total, Long.parseLong(f[7])};
    }

    /** Udp RcvbufErrors from /proc/net/snmp: datagrams the kernel dropped at a full receive buffer. */
    static long udpReceiveBufferErrors() {
        String snmp = read(Path.of("/proc/net/snmp"));
        if (snmp == null) {
            return 0;
        }
        String[] header = null;
        for (String line : snmp.split("\n")) {
            if (line.startsWith("Udp:")) {
                String[] f = line.trim().split("\\s+");
                if (header == null) {
                    header = f;
                } else {
                    for (int i = 0; i < header.length && i < f.length; i++) {
                        if ("RcvbufErrors".equals(header[i])) {
                            return Long.parseLong(f[i]);
                        }
                    }
                }
            }
        }
        return 0;
    }

    /** Sum of the per-socket "drops" column of /proc/net/udp and udp6 for sockets bound to ports min..max. */
    static long socketDrops(int min, int max) {
        return socketDrops(Path.of("/proc/net/udp"), min, max) + socketDrops(Path.of("/proc/net/udp6"), min, max);
    }

    private static long socketDrops(Path table, int min, int max) {
        String udp = read(table);
        if (udp == null) {
            return 0;
        }
        long sum = 0;
        List<String> lines = udp.lines().skip(1).toList();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 13) {
                continue;
            }
            int port = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
            if (port >= min && port <= max) {
                sum += Long.parseLong(f[12]);
            }
        }
        return sum;
    }

    private static long ticksOf(Path stat) {
        String s = read(stat);
        return s == null ? 0 : ticksOf(s);
    }

    private static long ticksOf(String stat) {
        // fields after the ")" that closes the command name: state is field 3, utime 14, stime 15
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
