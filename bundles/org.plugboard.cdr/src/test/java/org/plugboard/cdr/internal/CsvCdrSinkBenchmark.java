package org.plugboard.cdr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * What forcing every CSV line to the disk costs: N writes through the real sink, one fdatasync each. Not part of the
 * build; run it on the disk the PBX uses:
 * {@code mvn -o test -pl bundles/org.plugboard.cdr -Dtest=CsvCdrSinkBenchmark -Dcdr.bench=2000 [-Dcdr.bench.dir=/var/pbx]}
 */
@EnabledIfSystemProperty(named = "cdr.bench", matches = "\\d+")
class CsvCdrSinkBenchmark {
    @TempDir
    Path tmp;

    @Test
    void forcedWrites() throws Exception {
        int n = Integer.parseInt(System.getProperty("cdr.bench"));
        for (int batch : new int[] {1, 10, 50}) {
            run(n, batch);
        }
    }

    /** n writes, a flush (one fdatasync) after every {@code batch}: what the B2BUA does with that many waiting. */
    private void run(int n, int batch) throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("cdr.bench.dir", tmp.toString())), "cdr-bench");
        CsvCdrSink sink = new CsvCdrSink(TestConfig.csv(dir, Long.MAX_VALUE, 0), new CsvCdrSinkTest.TestClock());
        sink.write(Cdrs.answered("warm", "1001", "1002", Cdrs.T0, 1)); // opens the file
        sink.flush();
        long[] micros = new long[n / batch];
        long start = System.nanoTime();
        for (int i = 0; i < n / batch; i++) {
            long t = System.nanoTime();
            for (int j = 0; j < batch; j++) {
                sink.write(Cdrs.answered("b" + i + "-" + j, "1001", "1002", Cdrs.T0.plusSeconds(i), 30));
            }
            sink.flush();
            micros[i] = (System.nanoTime() - t) / 1000;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Path file = sink.currentFile();
        sink.deactivate();
        java.util.Arrays.sort(micros);
        int runs = micros.length;
        System.out.printf("CSV CDR sink, %d records, flush every %d: %.0f records/s; per flush p50 %d us, p99 %d us, max %d us%n",
                runs * batch, batch, runs * batch / seconds, micros[runs / 2], micros[(int) (runs * 0.99)], micros[runs - 1]);
        assertEquals(runs * batch + 2, Files.readAllLines(file).size(), "header, warm-up and every record");
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }
}
