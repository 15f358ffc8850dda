package org.plugboard.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A tshark capture of UDP on the loopback interface: what really reached a port, seen from outside the PBX. Counts
 * packets per (source port, destination port).
 */
final class Capture implements AutoCloseable {
    private final Process process;
    private final Path out;

    private Capture(Process process, Path out) {
        this.process = process;
        this.out = out;
    }

    /** Starts capturing UDP sent to any of {@code ports}; returns once tshark captures. */
    static Capture udpTo(List<Integer> ports) throws IOException, InterruptedException {
        String filter = "udp and (" + ports.stream().map(p -> "dst port " + p).collect(Collectors.joining(" or ")) + ")";
        Path out = Files.createTempFile("capture", ".txt");
        Process p = new ProcessBuilder("tshark", "-i", "lo", "-n", "-l", "-f", filter, "-T", "fields", "-e", "udp.srcport",
                "-e", "udp.dstport").redirectOutput(out.toFile()).start();
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
                return new Capture(p, out);
            }
            if (System.currentTimeMillis() > end) {
                break;
            }
        }
        p.destroyForcibly();
        throw new AssertionError("tshark did not start capturing on lo (run the tests as root, apt install tshark):\n" + seen);
    }

    /** Stops the capture and counts packets by "srcport>dstport". */
    Map<String, Integer> stop() throws IOException, InterruptedException {
        Thread.sleep(500); // the last packets on their way through tshark's pipe
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Map<String, Integer> counts = new HashMap<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2) {
                counts.merge(f[0] + ">" + f[1], 1, Integer::sum);
            }
        }
        Files.deleteIfExists(out);
        return counts;
    }

    /** Packets that reached {@code dstPort} from any port. */
    static int to(Map<String, Integer> counts, int dstPort) {
        return counts.entrySet().stream().filter(e -> e.getKey().endsWith(">" + dstPort)).mapToInt(Map.Entry::getValue).sum();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
