package org.plugboard.ivr.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.api.ivr.IvrFile;
import org.plugboard.api.ivr.IvrFileException;

/** IVR files managed over the API: only valid content is written and it is in service at once; names are checked. */
class IvrFileStoreTest {
    @TempDir
    Path dir;
    final IvrCatalog catalog = new IvrCatalog(new IvrParser(new XmlTree(), 4096), Clock.systemUTC());

    IvrFileStore store() {
        catalog.loadAll(dir);
        return new IvrFileStore(catalog, dir);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aValidFileIsWrittenAndInServiceAtOnce() throws Exception {
        IvrFileStore store = store();
        assertTrue(store.write("main", bytes(Files4Test.simple("500", "1001", "1002"))), "new");
        assertEquals("main", catalog.byNumber("500").name());
        assertFalse(store.write("main", bytes(Files4Test.simple("500", "1003", "1002"))), "replaced");
        assertArrayEquals(bytes(Files4Test.simple("500", "1003", "1002")), store.read("main").orElseThrow());
        List<IvrFile> list = store.list();
        assertEquals(1, list.size());
        assertEquals("main", list.get(0).name());
        assertTrue(list.get(0).valid());
        assertEquals(Files.size(dir.resolve("main.xml")), list.get(0).size());
        try (var files = Files.list(dir)) {
            assertEquals(List.of("main.xml"), files.map(p -> p.getFileName().toString()).toList(), "no temporary file left");
        }
    }

    @Test
    void anInvalidFileSavesNothingAndNamesItsLineAndColumn() throws Exception {
        IvrFileStore store = store();
        store.write("main", bytes(Files4Test.simple("500", "1001", "1002")));
        String broken = "<ivr number=\"500\">\n  <menu name=\"main\">\n    <nonsense/>\n  </menu>\n</ivr>\n";
        IvrFileException e = assertThrows(IvrFileException.class, () -> store.write("main", bytes(broken)));
        assertEquals(3, e.line());
        assertTrue(e.column() > 0, e.getMessage());
        assertArrayEquals(bytes(Files4Test.simple("500", "1001", "1002")), store.read("main").orElseThrow(),
                "the old file is untouched");
        assertThrows(IvrFileException.class, () -> store.write("other", bytes("<ivr")));
        assertFalse(Files.exists(dir.resolve("other.xml")));
        IvrFileException taken = assertThrows(IvrFileException.class,
                () -> store.write("second", bytes(Files4Test.simple("500", "1001", "1002"))));
        assertTrue(taken.fault().contains("already answered by IVR 'main'"), taken.fault());
        assertEquals(1, store.list().size());
    }

    @Test
    void aFileRefusedAtLoadIsListedWithItsProblem() throws Exception {
        Files.writeString(dir.resolve("broken.xml"), "<ivr number=\"501\">\n<menu/>\n</ivr>");
        IvrFile f = store().list().get(0);
        assertFalse(f.valid());
        assertEquals(2, f.line());
        assertTrue(f.problem() != null && !f.problem().isBlank());
    }

    @Test
    void deleteTakesTheIvrOutOfService() throws Exception {
        IvrFileStore store = store();
        store.write("main", bytes(Files4Test.simple("500", "1001", "1002")));
        assertTrue(store.delete("main"));
        assertNull(catalog.byNumber("500"));
        assertFalse(store.delete("main"));
        assertTrue(store.read("main").isEmpty());
    }

    @Test
    void namesThatCouldLeaveTheFolderAreRefused() {
        IvrFileStore store = store();
        for (String bad : new String[] {"../etc/passwd", ".hidden", "a/b", "", "x".repeat(65), "a b"}) {
            assertThrows(IllegalArgumentException.class, () -> store.read(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> store.write(bad, bytes("<ivr/>")), bad);
        }
    }

    @Test
    void theSchemaIsTheXsd() {
        assertTrue(store().schema().contains("<xs:schema"), "XSD");
    }
}
