package org.plugboard.itests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real SIPp (Debian sip-tester) once against the PBX and keeps the messages it exchanged. */
public final class Sipp {
    /** The SIPp processes started and not yet awaited, by the local port they hold. */
    private static final java.util.Map<Integer, Running> LIVE = new java.util.concurrent.ConcurrentHashMap<>();
    private final File scenario;
    private final int pbxPort;
    private String localIp = "127.0.0.1";
    private int localPort = 0;
    private String user = "0";
    private String password = "";
    private int expires = 3600;
    private String expectFinal = "200";
    private String service;
    private boolean server;
    private int timeoutSeconds = 8;
    private final java.util.Map<String, String> keys = new java.util.LinkedHashMap<>();
    private final java.util.Map<String, String> defines = new java.util.LinkedHashMap<>();
    private int mediaPort;
    private int calls = 1;
    private int rate;
    private int maxOpen;
    private int recvTimeoutMillis;
    private int tlsPort;
    private boolean tcp;

    public record Result(int exitCode, String messages, Traces traces) {
        public Result(int exitCode, String messages) {
            this(exitCode, messages, Traces.NONE);
        }

        public boolean passed() {
            return exitCode == 0;
        }
    }

    /**
     * What a {@link #load load run} wrote instead of every message: -trace_stat (one CSV line a second), -trace_err,
     * -trace_logs (the scenario's log actions) and -trace_screen (the final screens).
     */
    public record Traces(String stat, String errors, String logs, String screen) {
        static final Traces NONE = new Traces("", "", "", "");

        /** A column of the last line of the -trace_stat CSV (e.g. "FailedCall(C)"), or -1 if absent. */
        public long lastStat(String column) {
            List<String> lines = stat.lines().filter(l -> !l.isBlank()).toList();
            if (lines.size() < 2) {
                return -1;
            }
            List<String> head = List.of(lines.get(0).split(";"));
            String[] last = lines.get(lines.size() - 1).split(";");
            int i = head.indexOf(column);
            return i < 0 || i >= last.length ? -1 : Long.parseLong(last[i].trim());
        }
    }

    Sipp(File scenario, int pbxPort) {
        this.scenario = scenario;
        this.pbxPort = pbxPort;
    }

    public Sipp from(String ip, int port) {
        this.localIp = ip;
        this.localPort = port;
        return this;
    }

    public Sipp user(String user, String password) {
        this.user = user;
        this.password = password;
        return this;
    }

    public Sipp expires(int seconds) {
        this.expires = seconds;
        return this;
    }

    /** The final status the scenario expects after the authenticated request. */
    public Sipp expect(int status) {
        this.expectFinal = Integer.toString(status);
        return this;
    }

    /** The -s value: the number a caller dials, or the callee's own number. Defaults to the user. */
    public Sipp service(String service) {
        this.service = service;
        return this;
    }

    /** A scenario that starts by receiving (a callee): no remote address on the command line. */
    public Sipp server() {
        this.server = true;
        return this;
    }

    /** A -key for the scenario ([name] in it). */
    public Sipp key(String name, String value) {
        keys.put(name, value);
        return this;
    }

    /**
     * Replaces {@code @name@} in the scenario's text before SIPp reads it: for attribute values SIPp reads at load
     * time, where -key values are not substituted (pcap file names, pauses).
     */
    public Sipp define(String name, String value) {
        defines.put(name, value);
        return this;
    }

    /** SIPp's RTP port (-mp): [media_port] in the SDP, and the port pcap playback sends from (video: +2). */
    public Sipp mediaPort(int port) {
        this.mediaPort = port;
        return this;
    }

    /**
     * Many calls instead of one: {@code callsPerSecond} new calls a second (-r), at most {@code maxCalls} in all (-m;
     * 0 = until {@link Running#quit()}), at most {@code maxOpen} at once (-l). Traces statistics, errors and the
     * scenario's log actions ({@link Traces}) instead of every message.
     */
    public Sipp load(int callsPerSecond, int maxCalls, int maxOpen) {
        this.rate = callsPerSecond;
        this.calls = maxCalls;
        this.maxOpen = maxOpen;
        return this;
    }

    /** How many calls the scenario plays (-m; 1 by default): a callee that takes two INVITEs plays 2. */
    public Sipp calls(int count) {
        this.calls = count;
        return this;
    }

    /** SIPp's -recv_timeout: a call waiting longer than this for a message fails. */
    public Sipp recvTimeout(int millis) {
        this.recvTimeoutMillis = millis;
        return this;
    }

    /**
     * SIP over TLS to the PBX's TLS port. Debian's SIPp is built without OpenSSL ("To use a TLS transport you must
     * compile SIPp with OpenSSL"), so SIPp speaks TCP (-t t1, one connection) to a socat that carries it over TLS:
     * to the PBX it is one TLS connection from a phone (socat does not check the PBX's certificate; the tests read
     * it with a JSSE handshake). SIPp's Via and Contact say TCP; the PBX answers on the connection either way.
     */
    public Sipp tls(int pbxTlsPort) {
        this.tlsPort = pbxTlsPort;
        return this;
    }

    /**
     * SIPp over TCP (-t t1) without a bridge of its own: a server scenario behind a TLS server in front of it
     * ({@link TlsPeer}), a trunk peer the PBX reaches over TLS.
     */
    public Sipp tcp() {
        this.tcp = true;
        return this;
    }

    /** How long SIPp may run in all (its -timeout). */
    public Sipp timeout(int seconds) {
        this.timeoutSeconds = seconds;
        return this;
    }

    /** A SIPp run in the background, e.g. a callee waiting for the PBX's INVITE. */
    public final class Running {
        private final Process process;
        private final Path dir;
        private final Path messages;
        private Process bridge;

        Running(Process process, Path dir, Path messages) {
            this.process = process;
            this.dir = dir;
            this.messages = messages;
        }

        public Result await() throws IOException, InterruptedException {
            LIVE.remove(localPort, this);
            boolean finished = process.waitFor(timeoutSeconds + 20L, TimeUnit.SECONDS);
            if (bridge != null) {
                bridge.destroy();
                bridge.waitFor(5, TimeUnit.SECONDS);
            }
            if (!finished) {
                process.destroyForcibly();
                throw new AssertionError("SIPp (" + scenario.getName() + ") did not finish in " + (timeoutSeconds + 20) + " s");
            }
            String log = Files.exists(messages) ? Files.readString(messages, StandardCharsets.ISO_8859_1) : "";
            String screen = Files.exists(dir.resolve("out.log")) ? Files.readString(dir.resolve("out.log"), StandardCharsets.ISO_8859_1) : "";
            Traces traces = new Traces(trace(".csv"), trace("_errors.log"), trace("_logs.log"), trace("_screen.log"));
            try (java.util.stream.Stream<Path> files = Files.walk(dir)) { // the logs are read: leave no temp files behind
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
            return new Result(process.exitValue(), log + "\n---- " + scenario.getName() + " output ----\n" + tail(screen), traces);
        }

        /** The trace file SIPp named {@code <scenario>_<pid><suffix>}, or "" if it wrote none. */
        private String trace(String suffix) throws IOException {
            String prefix = scenario.getName().replaceFirst("\\.xml$", "") + "_";
            try (java.util.stream.Stream<Path> files = Files.list(dir)) {
                Path f = files.filter(x -> x.getFileName().toString().startsWith(prefix) && x.getFileName().toString().endsWith(suffix))
                        .findFirst().orElse(null);
                return f == null ? "" : Files.readString(f, StandardCharsets.ISO_8859_1);
            }
        }

        /** Whether a message SIPp sent or received so far holds {@code text} (-trace_msg runs): to wait on the effect. */
        public boolean messagesContain(String text) {
            try {
                return Files.exists(messages) && Files.readString(messages, StandardCharsets.ISO_8859_1).contains(text);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** The messages SIPp sent and received so far (-trace_msg runs), e.g. to read the SDP the PBX sent. */
        public String messages() {
            try {
                return Files.exists(messages) ? Files.readString(messages, StandardCharsets.ISO_8859_1) : "";
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** True while SIPp runs: its call is up (a scenario that waits for the PBX's BYE). */
        public boolean running() {
            return process.isAlive();
        }

        /** SIPp's process id: the middle part of the Call-IDs it makes ({@code <n>-<pid>@<ip>}). */
        public long pid() {
            return process.pid();
        }

        /** SIGUSR1: SIPp places no new calls, finishes the calls up and exits (then {@link #await()}). */
        public void quit() throws IOException, InterruptedException {
            if (process.isAlive()) {
                new ProcessBuilder("kill", "-USR1", Long.toString(process.pid())).inheritIO().start().waitFor();
            }
        }

        public void kill() {
            process.destroyForcibly();
        }
    }

    private static String tail(String s) {
        return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    }

    public Running start() throws IOException {
        Path dir = Files.createTempDirectory("sipp");
        Path sf = dir.resolve(scenario.getName());
        String text = Files.readString(scenario.toPath(), StandardCharsets.ISO_8859_1).replace("@FINAL@", expectFinal);
        for (java.util.Map.Entry<String, String> d : defines.entrySet()) {
            text = text.replace("@" + d.getKey() + "@", d.getValue());
        }
        Files.writeString(sf, text, StandardCharsets.ISO_8859_1);
        Path messages = dir.resolve("messages.log");
        List<String> cmd = new ArrayList<>(List.of("sipp"));
        Process bridge = tlsPort > 0 ? tlsBridge(dir) : null;
        if (!server) {
            cmd.add("127.0.0.1:" + (bridge != null ? bridgePort(bridge) : pbxPort));
        }
        cmd.addAll(List.of("-sf", sf.toString(), "-t", bridge != null || tcp ? "t1" : "u1", "-i", localIp, "-s", service == null ? user : service,
                "-au", user, "-ap", password, "-key", "expires", Integer.toString(expires), "-timeout", timeoutSeconds + "s",
                "-timeout_error", "-nostdin"));
        if (rate > 0) {
            cmd.addAll(List.of("-r", Integer.toString(rate), "-l", Integer.toString(maxOpen), "-trace_stat", "-fd", "1",
                    "-trace_err", "-trace_logs", "-trace_screen"));
        } else {
            cmd.addAll(List.of("-trace_msg", "-message_file", messages.toString()));
        }
        if (calls > 0) {
            cmd.addAll(List.of("-m", Integer.toString(calls)));
        }
        if (recvTimeoutMillis > 0) {
            cmd.addAll(List.of("-recv_timeout", Integer.toString(recvTimeoutMillis)));
        }
        keys.forEach((k, v) -> cmd.addAll(List.of("-key", k, v)));
        if (localPort > 0) {
            cmd.addAll(List.of("-p", Integer.toString(localPort)));
        }
        if (mediaPort > 0) {
            cmd.addAll(List.of("-mp", Integer.toString(mediaPort)));
        }
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.log").toFile()).start();
        Running r = new Running(p, dir, messages);
        r.bridge = bridge;
        if (localPort > 0) {
            LIVE.put(localPort, r);
        }
        return r;
    }

    private final java.util.Map<Process, Integer> bridgePorts = new java.util.concurrent.ConcurrentHashMap<>();

    private int bridgePort(Process bridge) {
        return bridgePorts.get(bridge);
    }

    /** socat: one TCP connection on a free loopback port, carried over TLS to the PBX; returns once it listens. */
    private Process tlsBridge(Path dir) throws IOException {
        Process socat = new ProcessBuilder("socat", "-d", "-d", "TCP-LISTEN:0,bind=127.0.0.1",
                "OPENSSL:127.0.0.1:" + tlsPort + ",verify=0").directory(dir.toFile()).redirectErrorStream(true).start();
        java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(socat.getInputStream(),
                StandardCharsets.ISO_8859_1));
        java.util.regex.Pattern listening = java.util.regex.Pattern.compile("listening on .*:(\\d+)");
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            java.util.regex.Matcher m = listening.matcher(line);
            if (m.find()) {
                bridgePorts.put(socat, Integer.parseInt(m.group(1)));
                Thread drain = new Thread(() -> { // socat's later log lines, until socat is stopped and its output closed
                    try {
                        out.lines().forEach(l -> { });
                    } catch (java.io.UncheckedIOException closed) {
                        // the bridge was stopped: nothing more to read
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return socat;
            }
        }
        throw new AssertionError("socat (the TLS bridge for SIPp) did not start listening; is it installed (apt-get install socat)?");
    }

    /**
     * Stops a SIPp still holding {@code port}, so a clean-up step can bind it: a test that failed half way left its
     * phone running, and the clean-up failing on "Address already in use" would hide the test's own failure.
     */
    public static void stopStillRunningOn(int port) throws IOException, InterruptedException {
        Running left = LIVE.get(port);
        if (left != null && left.running()) {
            left.kill();
        }
        if (left != null) {
            left.await();
        }
    }

    public Result run() throws IOException, InterruptedException {
        return start().await();
    }
}
