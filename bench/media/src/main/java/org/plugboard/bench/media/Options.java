package org.plugboard.bench.media;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command-line options of {@link MediaLoad}; every number is checked against a bound. */
final class Options {
    String mode = "ng";                 // ng: calls set up through the ng protocol; echo: every stream to one echo socket
    InetSocketAddress target;           // the ng control address, or the echo's
    String engine = "engine";           // the label in the results
    long enginePid;                     // 0: no engine CPU
    int enginePortMin = 50000, enginePortMax = 55999;
    List<Integer> calls = new ArrayList<>(List.of(100, 200, 300, 500, 700, 1000, 1500));
    int seconds = 20;
    int warmupCalls = 200, warmupSeconds = 10;
    String localIp = "127.0.0.1";
    int firstPort = 56000;
    int socketsPerSide = 8;
    int loops = 1;
    int tickMicros = 500;
    int drainMillis = 1000;
    int pauseMillis = 2000;
    int stopAfterMisses = 2;
    InetSocketAddress ngLocal = new InetSocketAddress("127.0.0.1", 22248);
    int ngTimeoutMillis = 1000;
    Path csv;
    Path threads;
    int clockTicks = 100;
    int maxSeconds = 1800;
    int pingSeconds;                    // > 0: only wait this long for an ng pong, exit 0 if it came

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--mode" -> o.mode = oneOf(v, "ng", "echo");
                case "--target" -> o.target = loopback(v);
                case "--engine" -> o.engine = v;
                case "--engine-pid" -> o.enginePid = Long.parseLong(v);
                case "--engine-ports" -> {
                    String[] p = v.split("-");
                    o.enginePortMin = bounded(a, p[0], 1, 65535);
                    o.enginePortMax = bounded(a, p[1], o.enginePortMin, 65535);
                }
                case "--calls" -> {
                    o.calls = new ArrayList<>();
                    for (String n : v.trim().split("[ ,]+")) {
                        o.calls.add(bounded(a, n, 1, 20000));
                    }
                }
                case "--seconds" -> o.seconds = bounded(a, v, 1, 300);
                case "--warmup-calls" -> o.warmupCalls = bounded(a, v, 0, 20000);
                case "--warmup-seconds" -> o.warmupSeconds = bounded(a, v, 0, 300);
                case "--local-ip" -> o.localIp = loopback(v + ":1").getHostString();
                case "--first-port" -> o.firstPort = bounded(a, v, 1024, 65000);
                case "--sockets-per-side" -> o.socketsPerSide = bounded(a, v, 1, 256);
                case "--loops" -> o.loops = bounded(a, v, 1, 16);
                case "--tick-us" -> o.tickMicros = bounded(a, v, 50, 20000);
                case "--drain-ms" -> o.drainMillis = bounded(a, v, 0, 10000);
                case "--pause-ms" -> o.pauseMillis = bounded(a, v, 0, 60000);
                case "--stop-after-misses" -> o.stopAfterMisses = bounded(a, v, 1, 100);
                case "--ng-local" -> o.ngLocal = loopback(v);
                case "--ng-timeout-ms" -> o.ngTimeoutMillis = bounded(a, v, 10, 30000);
                case "--csv" -> o.csv = Path.of(v);
                case "--threads" -> o.threads = Path.of(v);
                case "--clock-ticks" -> o.clockTicks = bounded(a, v, 1, 100000);
                case "--max-seconds" -> o.maxSeconds = bounded(a, v, 1, 86400);
                case "--ping-seconds" -> o.pingSeconds = bounded(a, v, 1, 600);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (o.target == null) {
            throw new IllegalArgumentException("--target HOST:PORT is required");
        }
        if (o.firstPort + 2 * o.socketsPerSide - 1 > 65535) {
            throw new IllegalArgumentException("--first-port + 2 x --sockets-per-side passes 65535");
        }
        return o;
    }

    private static String oneOf(String v, String... allowed) {
        for (String s : allowed) {
            if (s.equals(v)) {
                return v;
            }
        }
        throw new IllegalArgumentException("'" + v + "' is not one of " + String.join(", ", allowed));
    }

    static int bounded(String name, String v, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " wants a whole number, got '" + v + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + n);
        }
        return n;
    }

    /** HOST:PORT on loopback only: this tool floods whatever it is pointed at. */
    static InetSocketAddress loopback(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("want HOST:PORT, got '" + hostPort + "'");
        }
        String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        int port = bounded("port", hostPort.substring(colon + 1), 0, 65535);
        try {
            InetAddress addr = InetAddress.getByName(host);
            if (!addr.isLoopbackAddress()) {
                throw new IllegalArgumentException(host + " is not a loopback address");
            }
            return new InetSocketAddress(addr, port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host " + host);
        }
    }
}
