package org.plugboard.directory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.api.directory.DigestAlgorithm;
import org.plugboard.api.directory.DirectoryException;
import org.plugboard.api.directory.Extension;

/**
 * The directory's reads answer from memory (DESIGN.md section 6: nothing blocks a strand): every write is
 * visible at once, a failed write leaves the view as it was, and reads take no database connection.
 * On a real H2 database, migrated by Flyway as in production.
 */
class DirectoryViewTest {
    private static final DigestAlgorithm MD5 = DigestAlgorithm.MD5;
    private static final DigestAlgorithm SHA = DigestAlgorithm.SHA_256;

    @TempDir
    Path tmp;

    private static String ha1(DigestAlgorithm a, String number, String password) {
        return Ha1.of(a, number, "plugboard", password);
    }

    @Test
    void everyWriteIsVisibleAtOnceThroughFindHa1ListAndCount() {
        JdbcDirectory d = new JdbcDirectory(TestDirectories.h2(tmp, "w"), TestDirectories.config(""));
        assertEquals(0, d.count());

        d.add("1001", "Alice", "secret-1");
        assertEquals(Optional.of(new Extension("1001", "Alice", 1)), d.find("1001"));
        assertEquals(ha1(MD5, "1001", "secret-1"), d.ha1("1001", MD5).orElseThrow());
        assertEquals(ha1(SHA, "1001", "secret-1"), d.ha1("1001", SHA).orElseThrow());
        assertEquals(1, d.count());

        d.setPassword("1001", "secret-2");
        assertEquals(ha1(MD5, "1001", "secret-2"), d.ha1("1001", MD5).orElseThrow());
        assertEquals(ha1(SHA, "1001", "secret-2"), d.ha1("1001", SHA).orElseThrow());

        d.setDisplayName("1001", "Alice Smith");
        d.setMaxDevices("1001", 3);
        assertEquals(Optional.of(new Extension("1001", "Alice Smith", 3)), d.find("1001"));
        assertEquals(ha1(MD5, "1001", "secret-2"), d.ha1("1001", MD5).orElseThrow(), "renaming kept the credentials");

        d.importCsv(new StringReader("1001;secret-3;Alice Imported\n1000;secret-0;Zero\n+49301;secret-4\n"));
        assertEquals(List.of(new Extension("+49301", "+49301", 1), new Extension("1000", "Zero", 1),
                new Extension("1001", "Alice Imported", 3)), d.list(), "ordered by number; the import kept the device limit");
        assertEquals(ha1(SHA, "1001", "secret-3"), d.ha1("1001", SHA).orElseThrow());
        assertEquals(ha1(MD5, "1000", "secret-0"), d.ha1("1000", MD5).orElseThrow());
        assertEquals(3, d.count());

        assertTrue(d.remove("1001"));
        assertTrue(d.find("1001").isEmpty());
        assertTrue(d.ha1("1001", MD5).isEmpty());
        assertEquals(2, d.count());
        assertFalse(d.remove("1001"));
    }

    @Test
    void theViewLoadedAtActivationIsWhatTheDatabaseHolds() {
        DataSource ds = TestDirectories.h2(tmp, "r");
        JdbcDirectory first = new JdbcDirectory(ds, TestDirectories.config(""));
        first.add("1001", "Alice", "secret-1");
        first.add("1002", "Bob", "secret-2");
        first.setMaxDevices("1002", 4);
        JdbcDirectory restarted = new JdbcDirectory(ds, TestDirectories.config(""));
        assertEquals(first.list(), restarted.list());
        assertEquals(ha1(MD5, "1002", "secret-2"), restarted.ha1("1002", MD5).orElseThrow());
        assertEquals(ha1(SHA, "1001", "secret-1"), restarted.ha1("1001", SHA).orElseThrow());
        // HA1s of another realm are not this directory's: the extension exists, its password must be set again
        JdbcDirectory otherRealm = new JdbcDirectory(ds, TestDirectories.config("elsewhere", ""));
        assertTrue(otherRealm.find("1001").isPresent());
        assertTrue(otherRealm.ha1("1001", MD5).isEmpty());
    }

    @Test
    void readsTakeNoDatabaseConnectionAfterActivation() {
        CountingDataSource ds = new CountingDataSource(TestDirectories.h2(tmp, "n"));
        JdbcDirectory d = new JdbcDirectory(ds, TestDirectories.config(""));
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            csv.append(20000 + i).append(";pw").append(20000 + i).append('\n');
        }
        d.importCsv(new StringReader(csv.toString()));
        assertTrue(ds.connections.get() > 0, "activation and the import used the database");
        ds.connections.set(0);
        int found = 0;
        for (int i = 0; i < 10_000; i++) {
            String number = Integer.toString(20000 + i % 120); // 20 of them do not exist
            found += d.find(number).isPresent() ? 1 : 0;
            found += d.ha1(number, i % 2 == 0 ? MD5 : SHA).isPresent() ? 1 : 0;
        }
        assertEquals(100, d.list().size());
        assertEquals(100, d.count());
        assertEquals(2 * (83 * 100 + 40), found); // i % 120 < 100 for 83 whole cycles of 120 and the 40 calls after them
        assertEquals(0, ds.connections.get(), "find, ha1, list and count took database connections");
    }

    @Test
    void rejectedWritesLeaveTheViewAsItWas() {
        JdbcDirectory d = new JdbcDirectory(TestDirectories.h2(tmp, "f"), TestDirectories.config(""));
        d.add("1001", "Alice", "secret-1");
        Snapshot before = new Snapshot(d, "1001", "2001", "2002");

        assertThrows(DirectoryException.class, () -> d.add("1001", "Mallory", "other-pw"));
        assertThrows(DirectoryException.class, () -> d.setPassword("1001", "short"));
        assertThrows(DirectoryException.class, () -> d.setPassword("2001", "long-enough"));
        assertThrows(DirectoryException.class, () -> d.setDisplayName("1001", "Bad \"quote\""));
        assertThrows(DirectoryException.class, () -> d.setDisplayName("2001", "Nobody"));
        assertThrows(DirectoryException.class, () -> d.setMaxDevices("1001", 0));
        assertThrows(DirectoryException.class, () -> d.setMaxDevices("2001", 2));
        assertEquals(before, new Snapshot(d, "1001", "2001", "2002"));

        // an import keeps its valid lines only: the bad ones change nothing
        var result = d.importCsv(new StringReader("2001;short\nx2002;long-enough\n1001;1001\n2002;pw-2002;Ok\n2002;pw-again;Dup\n"));
        assertEquals(1, result.added());
        assertEquals(4, result.rejected().size(), result.rejected().toString());
        assertEquals(before.ha1Md5().get(0), d.ha1("1001", MD5), "the rejected line for 1001 changed its password");
        assertTrue(d.find("2001").isEmpty());
        assertEquals(ha1(MD5, "2002", "pw-2002"), d.ha1("2002", MD5).orElseThrow(), "the first line of 2002 wins");
        assertEquals(2, d.count());
    }

    @Test
    void writesThatFailInTheDatabaseLeaveTheViewAsItWas() throws SQLException {
        DataSource ds = TestDirectories.h2(tmp, "e");
        JdbcDirectory d = new JdbcDirectory(ds, TestDirectories.config(""));
        d.add("1001", "Alice", "secret-1");
        d.add("1002", "Bob", "secret-2");
        Snapshot before = new Snapshot(d, "1001", "1002", "1003");

        sql(ds, "DROP TABLE credential");
        // the extension row is inserted, then writing its credentials fails: rolled back, and not in the view
        assertThrows(DirectoryException.class, () -> d.add("1003", "Carol", "secret-3"));
        assertThrows(DirectoryException.class, () -> d.setPassword("1001", "secret-9"));
        assertThrows(DirectoryException.class, () -> d.importCsv(new StringReader("1003;secret-3\n1001;secret-9\n")));
        assertEquals(before, new Snapshot(d, "1001", "1002", "1003"));

        sql(ds, "DROP TABLE extension");
        assertThrows(DirectoryException.class, () -> d.setDisplayName("1001", "Renamed"));
        assertThrows(DirectoryException.class, () -> d.setMaxDevices("1001", 5));
        assertThrows(DirectoryException.class, () -> d.remove("1002"));
        assertEquals(before, new Snapshot(d, "1001", "1002", "1003"));
    }

    private static void sql(DataSource ds, String statement) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** Everything the view answers for some numbers. */
    private record Snapshot(List<Extension> list, int count, List<Optional<Extension>> found,
            List<Optional<String>> ha1Md5, List<Optional<String>> ha1Sha) {
        Snapshot(JdbcDirectory d, String... numbers) {
            this(d.list(), d.count(),
                    List.of(numbers).stream().map(d::find).toList(),
                    List.of(numbers).stream().map(n -> d.ha1(n, MD5)).toList(),
                    List.of(numbers).stream().map(n -> d.ha1(n, SHA)).toList());
        }
    }
}
