package org.plugboard.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The TLS server side of a SIP peer the PBX connects to (a trunk's SBC): socat takes the PBX's TLS connections on
 * {@code host:port} and carries each over TCP to a SIPp behind it ({@link Sipp#tcp()}), since Debian's SIPp is built
 * without TLS. Its certificate is a self-signed one made by {@link #makeCertificate} (openssl).
 */
final class TlsPeer implements AutoCloseable {
    private final Process socat;

    private TlsPeer(Process socat) {
        this.socat = socat;
    }

    /**
     * A self-signed certificate {@code <name>.crt} and its key {@code <name>.key} in {@code dir}, for {@code CN=<cn>}
     * and the IP address {@code ip}; returns the certificate's path (its own CA: trusting it is trusting the peer).
     */
    static Path makeCertificate(Path dir, String name, String cn, String ip) throws IOException, InterruptedException {
        Path crt = dir.resolve(name + ".crt");
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + cn,
                "-addext", "subjectAltName=IP:" + ip, "-keyout", dir.resolve(name + ".key").toString(), "-out", crt.toString());
        return crt;
    }

    /**
     * socat as a TLS server on {@code host:port} with the pair {@code name} in {@code dir}, each connection carried to
     * TCP {@code host:tcpPort}; returns once it listens (bounded).
     */
    static TlsPeer start(Path dir, String name, String host, int port, int tcpPort) throws IOException, InterruptedException {
        Process socat = new ProcessBuilder("socat", "-d", "-d",
                "OPENSSL-LISTEN:" + port + ",bind=" + host + ",reuseaddr,fork,verify=0,cert=" + dir.resolve(name + ".crt")
                        + ",key=" + dir.resolve(name + ".key"),
                "TCP:" + host + ":" + tcpPort).redirectErrorStream(true).redirectOutput(dir.resolve(name + "-socat.log").toFile()).start();
        TlsPeer peer = new TlsPeer(socat);
        try {
            PbxTestSupport.waitFor("socat listening on " + host + ":" + port, 10_000, () -> socat.isAlive() && listening(host, port));
        } catch (AssertionError e) {
            peer.close();
            throw new AssertionError(e.getMessage() + "; socat said: " + Files.readString(dir.resolve(name + "-socat.log")), e);
        }
        return peer;
    }

    /** Whether a TCP socket listens on {@code host:port} (IPv4), read from /proc/net/tcp: no probe connection. */
    static boolean listening(String host, int port) {
        String[] b = host.split("\\.");
        String local = String.format(Locale.ROOT, "%02X%02X%02X%02X:%04X", Integer.parseInt(b[3]), Integer.parseInt(b[2]),
                Integer.parseInt(b[1]), Integer.parseInt(b[0]), port);
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/tcp"));
            return lines.stream().map(l -> l.trim().split("\\s+")).anyMatch(f -> f.length > 3 && f[1].equals(local) && f[3].equals("0A"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops socat and the children it forked for connections. */
    @Override
    public void close() throws InterruptedException {
        socat.descendants().forEach(ProcessHandle::destroy);
        socat.destroy();
        if (!socat.waitFor(5, TimeUnit.SECONDS)) {
            socat.destroyForcibly();
        }
    }

    private static void run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
