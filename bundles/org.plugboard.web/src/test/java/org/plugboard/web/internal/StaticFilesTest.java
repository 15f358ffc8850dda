package org.plugboard.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class StaticFilesTest {
    private final StaticFiles files = new StaticFiles("ui", StaticFilesTest.class.getClassLoader()::getResource);

    @Test
    void theFolderItselfIsTheIndexPage() {
        assertEquals(Optional.of("ui/index.html"), files.resolve("/"));
        assertEquals(Optional.of("ui/index.html"), files.resolve(null));
    }

    @Test
    void pathsThatClimbOutOrNameAFolderAreRefused() {
        assertTrue(files.resolve("/../OSGI-INF/x.html").isEmpty());
        assertTrue(files.resolve("/js/..%2f/x.js").isEmpty() || files.resolve("/js/..%2f/x.js").get().startsWith("ui/"));
        assertTrue(files.resolve("/js/").isEmpty());
        assertTrue(files.resolve("//etc/passwd.js").isEmpty());
        assertTrue(files.resolve("/js\\app.js").isEmpty());
    }

    @Test
    void onlyThePagesKindsOfFileAreServed() {
        assertTrue(files.resolve("/org/plugboard/web/internal/UiServlet.class").isEmpty());
        assertTrue(files.resolve("/README").isEmpty());
    }

    @Test
    void theShippedPageAndItsTextAreFoundWithTheirTypes() throws IOException {
        StaticFiles.File index = files.read("/").orElseThrow();
        assertEquals("text/html; charset=utf-8", index.contentType());
        assertTrue(new String(index.bytes(), java.nio.charset.StandardCharsets.UTF_8).contains("js/app.js"));
        assertEquals("application/json; charset=utf-8", files.read("/i18n/en.json").orElseThrow().contentType());
        assertEquals("text/javascript; charset=utf-8", files.read("/js/app.js").orElseThrow().contentType());
        assertTrue(files.read("/nothing-here.js").isEmpty());
    }
}
