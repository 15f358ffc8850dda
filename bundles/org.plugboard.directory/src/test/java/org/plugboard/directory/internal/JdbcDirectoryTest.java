package org.plugboard.directory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.api.directory.DigestAlgorithm;
import org.plugboard.api.directory.DirectoryException;
import org.plugboard.api.directory.ImportResult;

/** The directory on a real H2 database (in a temp folder), migrated by Flyway as in production. */
class JdbcDirectoryTest {
    @TempDir
    Path tmp;

    private JdbcDataSource h2(String name) {
        return TestDirectories.h2(tmp, name);
    }

    private static DirectoryConfig config(String seed) {
        return TestDirectories.config(seed);
    }

    @Test
    void storesOnlyHa1DigestsForBothAlgorithms() {
        JdbcDirectory d = new JdbcDirectory(h2("a"), config(""));
        d.add("1001", "Alice", "secret-1");
        assertEquals(Ha1.of(DigestAlgorithm.MD5, "1001", "plugboard", "secret-1"), d.ha1("1001", DigestAlgorithm.MD5).orElseThrow());
        // RFC 2617 shape: MD5("1001:plugboard:secret-1")
        assertEquals(32, d.ha1("1001", DigestAlgorithm.MD5).orElseThrow().length());
        assertEquals(64, d.ha1("1001", DigestAlgorithm.SHA_256).orElseThrow().length());
        d.setPassword("1001", "secret-2");
        assertEquals(Ha1.of(DigestAlgorithm.SHA_256, "1001", "plugboard", "secret-2"),
                d.ha1("1001", DigestAlgorithm.SHA_256).orElseThrow());
        assertTrue(d.ha1("1999", DigestAlgorithm.MD5).isEmpty());
    }

    @Test
    void rejectsBadInputWithAFix() {
        JdbcDirectory d = new JdbcDirectory(h2("b"), config(""));
        assertThrows(DirectoryException.class, () -> d.add("12a", "x", "secret-1"));
        assertThrows(DirectoryException.class, () -> d.add("1002", "x", "short"));
        assertThrows(DirectoryException.class, () -> d.add("1002", "x", "1002"));
        d.add("1002", "Bob", "secret-1");
        DirectoryException e = assertThrows(DirectoryException.class, () -> d.add("1002", "Bob", "secret-1"));
        assertTrue(e.getMessage().contains("pbx:ext-password"));
        assertThrows(DirectoryException.class, () -> d.setMaxDevices("1002", 0));
        assertThrows(DirectoryException.class, () -> d.setMaxDevices("1999", 2));
    }

    @Test
    void importAddsUpdatesAndNamesBadLines() {
        JdbcDirectory d = new JdbcDirectory(h2("c"), config(""));
        d.add("2000", "Old", "old-password");
        ImportResult r = d.importCsv(new StringReader("# header\n2000;new-password;New Name\n2001;pass-2001\n"
                + "bad;pass-x;X\n2001;again-2001;Dup\n\n2002;\"pass;semi\";\"Quoted, Name\"\n"));
        assertEquals(2, r.added());
        assertEquals(1, r.updated());
        assertEquals(2, r.rejected().size());
        assertTrue(r.rejected().get(0).startsWith("line 4:"), r.rejected().toString());
        assertTrue(r.rejected().get(1).contains("already on line 3"), r.rejected().toString());
        assertEquals("New Name", d.find("2000").orElseThrow().displayName());
        assertEquals("Quoted, Name", d.find("2002").orElseThrow().displayName());
        assertEquals(Ha1.of(DigestAlgorithm.MD5, "2002", "plugboard", "pass;semi"), d.ha1("2002", DigestAlgorithm.MD5).orElseThrow());
        assertEquals(Ha1.of(DigestAlgorithm.MD5, "2000", "plugboard", "new-password"), d.ha1("2000", DigestAlgorithm.MD5).orElseThrow());
    }

    @Test
    void seedsOnceSoDeletedDemoExtensionsStayDeleted() throws Exception {
        Path seed = tmp.resolve("seed.csv");
        Files.writeString(seed, "1001;demo1001pw;Alice\n");
        JdbcDataSource ds = h2("d");
        JdbcDirectory first = new JdbcDirectory(ds, config(seed.toString()));
        assertTrue(first.find("1001").isPresent());
        assertTrue(first.remove("1001"));
        JdbcDirectory restarted = new JdbcDirectory(ds, config(seed.toString()));
        assertFalse(restarted.find("1001").isPresent());
    }
}
