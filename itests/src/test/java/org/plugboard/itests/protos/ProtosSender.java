package org.plugboard.itests.protos;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

import org.plugboard.itests.protos.ProtosCase.Substitution;

/**
 * Sends PROTOS c07-sip cases over UDP to a SIP server on loopback and checks, with a well-formed OPTIONS after each
 * case (or every K cases), that the server still answers.
 *
 * <p>All traffic leaves one {@link DatagramSocket} bound to the loopback address (127.0.0.1, or ::1 for an IPv6
 * target); its port is {@code <Local-Port>} and {@code <From-Address>} is that loopback address, so the server's
 * responses come back to it. Non-loopback targets are refused. The run is bounded by a case count and by
 * {@code --max-seconds}; one probe costs at most {@code (retries + 1) * timeout}.
 *
 * <pre>
 * java org.plugboard.itests.protos.ProtosSender --target 127.0.0.1:5060 [--dir PATH] [--from 0] [--to 4526]
 *      [--every 1] [--sample N] [--timeout-ms 2000] [--retries 2] [--max-seconds 900] [--teardown] [--teardown-ack]
 *      [--to-uri user@host] [--local-port 0] [--delay-ms 0] [--max-pdu 65507] [--keep-going] [--verbose]
 * </pre>
 * Exit code 0 if every probe was answered and every selected case was sent, 1 otherwise, 2 on bad arguments or I/O
 * errors. The last line printed is the summary, {@code protos: N cases sent, M probes answered, server alive}.
 */
public final class ProtosSender implements AutoCloseable {

    /** {@link Result#silentAfterCase()} when the server did not answer the probe sent before the first case. */
    public static final int BEFORE_FIRST_CASE = -1;

    /** Settings; the public fields hold the defaults used by {@link #main}. */
    public static final class Options {
        public InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5060);
        public Path dir = null; // null: ProtosCase.defaultDir()
        public int from = 0;
        public int to = ProtosCase.CASE_COUNT - 1;
        /** Probe after every {@code every} cases (and after the last one). */
        public int every = 1;
        /** 0: every case in [from, to]; otherwise that many spread evenly, plus case 0. */
        public int sample = 0;
        public int timeoutMs = 2_000;
        /** Extra probe attempts after the first one goes unanswered. */
        public int retries = 2;
        /** Send PDU 2 as CANCEL after each case. */
        public boolean teardown = false;
        /** With {@link #teardown}, also send PDU 2 as ACK afterwards, as the upstream sender does. */
        public boolean teardownAck = false;
        public int maxSeconds = 900;
        public int maxPduSize = ProtosCase.MAX_UDP_PDU;
        /** {@code <To>}; null: {@code protos@<target host>}. */
        public String toUri = null;
        /** 0: any free port. */
        public int localPort = 0;
        /** Pause after each case. */
        public int delayMs = 0;
        /** Carry on after an unanswered probe (the result still fails). */
        public boolean keepGoing = false;
        public boolean verbose = false;
        /** Progress line to stderr every this many cases (0: none). */
        public int progressEvery = 500;
    }

    /**
     * What a run did. {@code silentAfterCase} is the case sent just before the first unanswered probe
     * ({@link #BEFORE_FIRST_CASE} if the server never answered), or null if every probe was answered;
     * {@code responsesByClass} counts every datagram received, keyed {@code 1xx}..{@code 6xx} or {@code other}.
     */
    public record Result(int casesPlanned, int casesSent, int probesSent, int probesAnswered, int probeRetries,
            Integer silentAfterCase, List<Integer> unansweredAfterCases, int lastCaseSent,
            Map<String, Integer> responsesByClass, long datagramsReceived, long elapsedMillis,
            boolean timeLimitReached) {

        public boolean answeredEveryProbe() {
            return silentAfterCase == null && probesAnswered == probesSent;
        }

        public boolean complete() {
            return casesSent == casesPlanned && !timeLimitReached;
        }

        /** Every probe answered and every selected case sent. */
        public boolean passed() {
            return answeredEveryProbe() && complete();
        }

        /** The one-line summary. */
        public String summary() {
            StringBuilder b = new StringBuilder("protos: ");
            b.append(casesSent);
            if (casesSent != casesPlanned) {
                b.append(" of ").append(casesPlanned);
            }
            b.append(" cases sent, ").append(probesAnswered);
            if (probesAnswered != probesSent) {
                b.append(" of ").append(probesSent);
            }
            b.append(" probes answered, ");
            if (silentAfterCase == null) {
                b.append("server alive");
            } else if (silentAfterCase == BEFORE_FIRST_CASE) {
                b.append("server silent before the first case");
            } else {
                b.append("server silent after case ").append(String.format("%07d", silentAfterCase));
            }
            if (timeLimitReached) {
                b.append(", stopped by the time limit");
            }
            return b.toString();
        }

        /** Timing, probe retries and response classes. */
        public String details() {
            return String.format("protos: %.1f s, %d probes sent, %d probe retries, %d datagrams received %s%s",
                    elapsedMillis / 1000.0, probesSent, probeRetries, datagramsReceived, responsesByClass,
                    unansweredAfterCases.size() > 1 ? ", unanswered after cases " + unansweredAfterCases : "");
        }
    }

    private static final int DRAIN_MAX_DATAGRAMS = 10_000;

    private final Options o;
    private final DatagramSocket socket;
    private final InetSocketAddress target;
    private final String fromAddress;
    private final String fromIp;
    private final String toUri;
    private final byte[] buf = new byte[65_536];
    private final long nonce = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;

    private final Map<String, Integer> classes = new TreeMap<>();
    private long datagrams;
    private int probeSeq;
    private int probeRetries;

    public ProtosSender(Options options) throws IOException {
        this.o = options;
        InetSocketAddress t = options.target;
        if (t == null || t.isUnresolved() || !t.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("target must be a loopback address, got " + t);
        }
        if (options.every < 1 || options.timeoutMs < 1 || options.retries < 0 || options.maxSeconds < 1
                || options.maxPduSize < 1 || options.delayMs < 0 || options.sample < 0) {
            throw new IllegalArgumentException("every, timeout-ms, max-seconds and max-pdu must be positive; "
                    + "retries, delay-ms and sample must not be negative");
        }
        this.target = t;
        boolean v6 = t.getAddress() instanceof Inet6Address;
        InetAddress local = InetAddress.getByName(v6 ? "::1" : "127.0.0.1");
        this.fromIp = v6 ? "::1" : "127.0.0.1";
        this.fromAddress = v6 ? "[::1]" : "127.0.0.1";
        this.toUri = options.toUri != null ? options.toUri : "protos@" + uriHost(t);
        DatagramSocket s = new DatagramSocket(null);
        try {
            s.setReceiveBufferSize(4 << 20);
            s.bind(new InetSocketAddress(local, options.localPort));
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        this.socket = s;
    }

    /** Runs the cases of {@code options} and closes the socket. */
    public static Result run(Options options) throws IOException {
        try (ProtosSender sender = new ProtosSender(options)) {
            return sender.run();
        }
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    /** Sends the selected cases, probing as configured. */
    public Result run() throws IOException {
        Path dir = o.dir != null ? o.dir : ProtosCase.defaultDir();
        List<Integer> cases = selectCases(o.from, o.to, o.sample);
        long start = System.nanoTime();
        long deadline = start + o.maxSeconds * 1_000_000_000L;

        Substitution sub = new Substitution(toUri, "protos", fromAddress, fromIp, socket.getLocalPort(), 0, 0,
                "CANCEL");
        int sent = 0;
        int probes = 0;
        int answered = 0;
        int lastSent = BEFORE_FIRST_CASE;
        boolean timeUp = false;
        List<Integer> unanswered = new ArrayList<>();

        probes++;
        if (probe()) {
            answered++;
        } else {
            unanswered.add(BEFORE_FIRST_CASE);
        }
        if (unanswered.isEmpty() || o.keepGoing) {
            int sinceProbe = 0;
            for (int i = 0; i < cases.size(); i++) {
                if (System.nanoTime() - deadline >= 0) {
                    timeUp = true;
                    break;
                }
                int n = cases.get(i);
                ProtosCase c = ProtosCase.load(dir, n);
                byte[] invite = c.invite(sub, o.maxPduSize);
                send(invite);
                if (o.verbose) {
                    System.out.println("case " + c.name() + ": " + invite.length + " bytes");
                }
                if (o.teardown && c.pduCount() > 1) {
                    drain();
                    send(c.teardown(sub.withTeardownMethod("CANCEL"), o.maxPduSize));
                    if (o.teardownAck) {
                        drain();
                        send(c.teardown(sub.withTeardownMethod("ACK"), o.maxPduSize));
                    }
                }
                sent++;
                lastSent = n;
                sub = sub.next();
                if (o.delayMs > 0) {
                    sleep(Math.min(o.delayMs, Math.max(0, (deadline - System.nanoTime()) / 1_000_000)));
                }
                boolean stop = false;
                if (++sinceProbe >= o.every || i == cases.size() - 1) {
                    sinceProbe = 0; // the probe reads whatever is queued
                    probes++;
                    if (probe()) {
                        answered++;
                    } else {
                        unanswered.add(n);
                        if (o.verbose) {
                            System.out.println("no answer to the probe after case " + c.name());
                        }
                        stop = !o.keepGoing;
                    }
                } else {
                    drain();
                }
                if (o.progressEvery > 0 && sent % o.progressEvery == 0) {
                    System.err.printf("protos: %d/%d cases sent, %d/%d probes answered, %.1f s%n", sent,
                            cases.size(), answered, probes, (System.nanoTime() - start) / 1e9);
                }
                if (stop) {
                    break;
                }
            }
            if (timeUp && sent > 0 && (unanswered.isEmpty() || o.keepGoing)) {
                // Cases went out since the last probe: one more, so the verdict covers them.
                probes++;
                if (probe()) {
                    answered++;
                } else {
                    unanswered.add(lastSent);
                }
            }
        }
        return new Result(cases.size(), sent, probes, answered, probeRetries,
                unanswered.isEmpty() ? null : unanswered.get(0), Collections.unmodifiableList(unanswered), lastSent,
                Collections.unmodifiableMap(new TreeMap<>(classes)), datagrams,
                (System.nanoTime() - start) / 1_000_000, timeUp);
    }

    /**
     * The cases to run: all of [from, to] if {@code sample} is 0 or covers the range, else {@code sample} numbers
     * spread evenly over it (both ends included), plus case 0.
     */
    public static List<Integer> selectCases(int from, int to, int sample) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("need 0 <= from <= to, got " + from + ".." + to);
        }
        if (sample < 0) {
            throw new IllegalArgumentException("sample must not be negative: " + sample);
        }
        int size = to - from + 1;
        TreeSet<Integer> picked = new TreeSet<>();
        if (sample == 0 || sample >= size) {
            for (int n = from; n <= to; n++) {
                picked.add(n);
            }
        } else {
            picked.add(0);
            if (sample == 1) {
                picked.add(from);
            } else {
                for (int k = 0; k < sample; k++) {
                    picked.add(from + (int) Math.round((double) k * (size - 1) / (sample - 1)));
                }
            }
        }
        return new ArrayList<>(picked);
    }

    // ------------------------------------------------------------------ probing

    /** One OPTIONS, retried {@code retries} times; true once any response with its Call-ID arrives. */
    boolean probe() throws IOException {
        int seq = ++probeSeq;
        String callId = "protos-probe-" + Long.toHexString(nonce) + "-" + seq + "@" + fromAddress;
        for (int attempt = 0; attempt <= o.retries; attempt++) {
            if (attempt > 0) {
                probeRetries++;
            }
            send(options(callId, seq, attempt));
            long until = System.nanoTime() + o.timeoutMs * 1_000_000L;
            while (true) {
                long left = (until - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                DatagramPacket p = receive((int) left);
                if (p == null) {
                    break;
                }
                if (callId.equals(callId(p.getData(), p.getLength()))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A well-formed OPTIONS; each attempt is a new transaction (branch, CSeq) in the same call. */
    byte[] options(String callId, int seq, int attempt) {
        int port = socket.getLocalPort();
        String branch = "z9hG4bK-protos-probe-" + Long.toHexString(nonce) + "-" + seq + "-" + attempt;
        String msg = "OPTIONS sip:" + toUri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + fromAddress + ":" + port + ";branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:protos-probe@" + fromAddress + ">;tag=probe" + seq + "\r\n"
                + "To: <sip:" + toUri + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + (attempt + 1) + " OPTIONS\r\n"
                + "Contact: <sip:protos-probe@" + fromAddress + ":" + port + ">\r\n"
                + "Accept: application/sdp\r\n"
                + "User-Agent: plugboard-protos-probe\r\n"
                + "Content-Length: 0\r\n"
                + "\r\n";
        return msg.getBytes(StandardCharsets.ISO_8859_1);
    }

    // ------------------------------------------------------------------ socket

    private void send(byte[] pdu) throws IOException {
        socket.send(new DatagramPacket(pdu, pdu.length, target));
    }

    /** One datagram within {@code timeoutMs}, counted by status class, or null. */
    private DatagramPacket receive(int timeoutMs) throws IOException {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.setSoTimeout(Math.max(1, timeoutMs));
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        datagrams++;
        classes.merge(statusClass(p.getData(), p.getLength()), 1, Integer::sum);
        return p;
    }

    /** Reads and counts what is already queued (responses to the cases), bounded. */
    private void drain() throws IOException {
        for (int i = 0; i < DRAIN_MAX_DATAGRAMS; i++) {
            if (receive(1) == null) {
                return;
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }

    // ------------------------------------------------------------------ message helpers

    /** {@code 1xx}..{@code 6xx} for a status line {@code SIP/2.0 NNN}, otherwise {@code other}. */
    static String statusClass(byte[] data, int len) {
        if (len >= 11 && startsWith(data, "SIP/2.0 ")) {
            char c0 = (char) data[8];
            char c1 = (char) data[9];
            char c2 = (char) data[10];
            if (c0 >= '1' && c0 <= '6' && Character.isDigit(c1) && Character.isDigit(c2)) {
                return c0 + "xx";
            }
        }
        return "other";
    }

    private static boolean startsWith(byte[] data, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (data[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The value of the first Call-ID (or compact {@code i}) header, or null. */
    static String callId(byte[] data, int len) {
        String s = new String(data, 0, len, StandardCharsets.ISO_8859_1);
        int end = s.indexOf("\r\n\r\n");
        if (end < 0) {
            end = s.length();
        }
        int pos = s.indexOf('\n');
        while (pos >= 0 && pos < end) {
            int next = s.indexOf('\n', pos + 1);
            String line = s.substring(pos + 1, next < 0 ? s.length() : next);
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).trim();
                if (name.equalsIgnoreCase("Call-ID") || name.equalsIgnoreCase("i")) {
                    return line.substring(colon + 1).trim();
                }
            }
            pos = next;
        }
        return null;
    }

    private static String uriHost(InetSocketAddress a) {
        String h = a.getAddress().getHostAddress();
        return a.getAddress() instanceof Inet6Address ? "[" + stripScope(h) + "]" : h;
    }

    private static String stripScope(String h) {
        int pct = h.indexOf('%');
        return pct < 0 ? h : h.substring(0, pct);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ command line

    static InetSocketAddress parseTarget(String s) throws IOException {
        String host;
        int port = 5060;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("bad target: " + s);
            }
            host = s.substring(1, close);
            if (close + 1 < s.length()) {
                if (s.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("bad target: " + s);
                }
                port = Integer.parseInt(s.substring(close + 2));
            }
        } else {
            int colon = s.lastIndexOf(':');
            if (colon >= 0 && s.indexOf(':') == colon) {
                host = s.substring(0, colon);
                port = Integer.parseInt(s.substring(colon + 1));
            } else {
                host = s; // bare host or bare IPv6 literal
            }
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("bad port in target: " + s);
        }
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }

    static Options parseArgs(String[] args) throws IOException {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--teardown" -> o.teardown = true;
                case "--teardown-ack" -> {
                    o.teardown = true;
                    o.teardownAck = true;
                }
                case "--keep-going" -> o.keepGoing = true;
                case "--verbose" -> o.verbose = true;
                case "--help", "-h" -> throw new IllegalArgumentException("help");
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("missing value for " + a);
                    }
                    String v = args[++i];
                    switch (a) {
                        case "--target" -> o.target = parseTarget(v);
                        case "--dir" -> o.dir = Paths.get(v);
                        case "--from" -> o.from = Integer.parseInt(v);
                        case "--to" -> o.to = Integer.parseInt(v);
                        case "--every" -> o.every = Integer.parseInt(v);
                        case "--sample" -> o.sample = Integer.parseInt(v);
                        case "--timeout-ms" -> o.timeoutMs = Integer.parseInt(v);
                        case "--retries" -> o.retries = Integer.parseInt(v);
                        case "--max-seconds" -> o.maxSeconds = Integer.parseInt(v);
                        case "--max-pdu" -> o.maxPduSize = Integer.parseInt(v);
                        case "--to-uri" -> o.toUri = v;
                        case "--local-port" -> o.localPort = Integer.parseInt(v);
                        case "--delay-ms" -> o.delayMs = Integer.parseInt(v);
                        case "--progress-every" -> o.progressEvery = Integer.parseInt(v);
                        default -> throw new IllegalArgumentException("unknown option " + a);
                    }
                }
            }
        }
        return o;
    }

    private static final String USAGE = "usage: ProtosSender [--target 127.0.0.1:5060] [--dir PATH] [--from 0] "
            + "[--to 4526] [--every 1] [--sample N] [--timeout-ms 2000] [--retries 2] [--max-seconds 900] "
            + "[--teardown] [--teardown-ack] [--to-uri user@host] [--local-port 0] [--delay-ms 0] [--max-pdu 65507] "
            + "[--keep-going] [--verbose] [--progress-every 500]";

    public static void main(String[] args) {
        Options o;
        try {
            o = parseArgs(args);
        } catch (IllegalArgumentException | IOException e) {
            if (!"help".equals(e.getMessage())) {
                System.err.println("protos: " + e.getMessage());
            }
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Result r;
        try {
            r = run(o);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("protos: error: " + e);
            System.exit(2);
            return;
        }
        System.out.println(r.details());
        System.out.println(r.summary());
        System.exit(r.passed() ? 0 : 1);
    }
}
