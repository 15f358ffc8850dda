import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.plugboard.api.directory.DigestAlgorithm;
import org.plugboard.directory.internal.DirectoryConfig;
import org.plugboard.directory.internal.JdbcDirectory;

/**
 * How long N ha1 lookups take on the real directory over an embedded H2 file database behind a HikariCP pool of
 * 8 connections, as in the default deployment (feature pbx-database). A plain loop on one thread, not a unit
 * test: run it with ../directory-lookups.sh.
 * Arguments: [lookups, default 100000] [extensions, default 1000].
 */
public class Ha1LookupBench {
    public static void main(String[] args) throws Exception {
        int lookups = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int extensions = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        Path dir = Files.createTempDirectory("plugboard-dir-bench");
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl("jdbc:h2:" + dir.resolve("directory") + ";DB_CLOSE_ON_EXIT=FALSE");
        pool.setUsername("sa");
        pool.setMaximumPoolSize(8);
        HikariDataSource ds = new HikariDataSource(pool);
        JdbcDirectory directory = new JdbcDirectory(ds, config());
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < extensions; i++) {
            csv.append(20000 + i).append(";pw").append(20000 + i).append('\n');
        }
        directory.importCsv(new java.io.StringReader(csv.toString()));
        long sink = 0;
        for (int round = 1; round <= 3; round++) { // round 1 warms the JIT up
            long t0 = System.nanoTime();
            for (int i = 0; i < lookups; i++) {
                String number = Integer.toString(20000 + i % extensions);
                sink += directory.ha1(number, i % 2 == 0 ? DigestAlgorithm.MD5 : DigestAlgorithm.SHA_256)
                        .orElseThrow().length();
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("round %d: %,d ha1 lookups over %,d extensions in %,d ms (%.2f us each)%n",
                    round, lookups, extensions, ms, ms * 1000.0 / lookups);
        }
        System.out.println("(checksum " + sink + ")");
        ds.close();
    }

    private static DirectoryConfig config() {
        return new DirectoryConfig() {
            public Class<? extends Annotation> annotationType() {
                return DirectoryConfig.class;
            }

            public String realm() {
                return "plugboard";
            }

            public String dataSource_target() {
                return "";
            }

            public String seed_csv() {
                return "";
            }

            public int password_min_length() {
                return 6;
            }
        };
    }
}
