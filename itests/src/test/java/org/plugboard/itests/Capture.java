package org.plugboard.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A tshark capture of UDP on the loopback interface: what really reached a port, seen from outside the PBX, with
 * arrival times per (source port, destination port). Stopping sends a marker datagram to a socket of the capture's
 * own and waits until tshark has written it: every packet before it has then been written too.
 */
final class Capture implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final DatagramSocket marker;

    private Capture(Process process, Path out, DatagramSocket marker) {
        this.process = process;
        this.out = out;
        this.marker = marker;
    }

    /** Starts capturing UDP sent to any of {@code ports}; returns once tshark captures. */
    static Capture udpTo(List<Integer> ports) throws IOException {
        DatagramSocket marker = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        String filter = "udp and (" + ports.stream().map(p -> "dst port " + p).collect(Collectors.joining(" or ")) + " or dst port "
                + marker.getLocalPort() + ")";
        Path out = Files.createTempFile("capture", ".txt");
        Process p = new ProcessBuilder("tshark", "-i", "lo", "-n", "-l", "-f", filter, "-T", "fields", "-e", "frame.time_epoch", "-e",
                "udp.srcport", "-e", "udp.dstport").redirectOutput(out.toFile()).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        long end = System.currentTimeMillis() + 20_000;
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = err.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.contains("Capturing on")) {
                Thread drain = new Thread(() -> {
                    try {
                        err.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException ignored) {
                        // tshark ended
                    }
                }, "tshark-stderr");
                drain.setDaemon(true);
                drain.start();
                return new Capture(p, out, marker);
            }
            if (System.currentTimeMillis() > end) {
                break;
            }
        }
        p.destroyForcibly();
        marker.close();
        throw new AssertionError("tshark did not start capturing on lo (run the tests as root, apt install tshark):\n" + seen);
    }

    /** Stops the capture once everything sent before has been written; arrival times in seconds by "srcport>dstport". */
    Map<String, List<Double>> stop() throws IOException, InterruptedException {
        String markerKey = "\t" + marker.getLocalPort();
        byte[] ping = "capture-end".getBytes(StandardCharsets.US_ASCII);
        marker.send(new DatagramPacket(ping, ping.length, InetAddress.getLoopbackAddress(), marker.getLocalPort()));
        PbxTestSupport.waitFor("tshark to write the marker after the last packets", 10_000,
                () -> readLines().stream().anyMatch(l -> l.endsWith(markerKey)));
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Map<String, List<Double>> seen = new HashMap<>();
        for (String line : readLines()) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && !f[2].equals(Integer.toString(marker.getLocalPort()))) {
                seen.computeIfAbsent(f[1] + ">" + f[2], k -> new ArrayList<>()).add(Double.parseDouble(f[0]));
            }
        }
        return seen;
    }

    private List<String> readLines() {
        try {
            return Files.readAllLines(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Packet counts by "srcport>dstport". */
    static Map<String, Integer> counts(Map<String, List<Double>> seen) {
        return seen.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size()));
    }

    /** Packets that reached {@code dstPort} from any port. */
    static int to(Map<String, Integer> counts, int dstPort) {
        return counts.entrySet().stream().filter(e -> e.getKey().endsWith(">" + dstPort)).mapToInt(Map.Entry::getValue).sum();
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        marker.close();
        Files.deleteIfExists(out);
    }
}
