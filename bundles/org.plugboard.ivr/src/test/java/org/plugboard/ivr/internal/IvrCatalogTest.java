package org.plugboard.ivr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.api.service.Outcome;

/** The catalog with its watcher on a real folder: edits reload, refused edits keep the old version, calls read no file. */
class IvrCatalogTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private IvrWatcher watcher;

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
    }

    private IvrCatalog catalog() throws Exception {
        IvrCatalog catalog = new IvrCatalog(new IvrParser(new XmlTree(), 4096), CLOCK);
        catalog.loadAll(dir);
        watcher = new IvrWatcher(dir, Duration.ofMillis(50), catalog::load, catalog::remove, () -> catalog.loadAll(dir));
        return catalog;
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20); // poll interval of this bounded wait for the effect
        }
    }

    private Outcome call(IvrCatalog catalog, String number, String digits) throws Exception {
        RecordingLeg leg = new RecordingLeg(digits);
        return IvrApplication.run(catalog, new NumberLeg(leg, number), CLOCK).toCompletableFuture().getNow(null);
    }

    @Test
    void filesAreLoadedAtStartAndCallsReadNone() throws Exception {
        Files.writeString(dir.resolve("main.xml"), Files4Test.simple("500", "1001", "600"));
        Files.writeString(dir.resolve("broken.xml"), "<ivr number=\"501\">\n<menu/>\n</ivr>");
        Files.writeString(dir.resolve("notes.txt"), "not an IVR");
        IvrCatalog catalog = catalog();
        assertEquals("500", catalog.byName("main").number());
        assertEquals("main", catalog.byNumber("500").name());
        assertEquals(2, catalog.faults().get("broken").line());
        long read = catalog.filesRead();
        for (int i = 0; i < 20; i++) {
            assertEquals(new Outcome.Redirect("1001", IvrRun.REASON, false), call(catalog, "500", "1"));
        }
        assertEquals(read, catalog.filesRead());
        assertEquals(20, catalog.callsAnswered());
        assertEquals(20, catalog.answered(catalog.byName("main")));
    }

    @Test
    void aChangedFileIsReloadedAndLiveCallsKeepTheirVersion() throws Exception {
        Path file = dir.resolve("main.xml");
        Files.writeString(file, Files4Test.simple("500", "1001", "600"));
        IvrCatalog catalog = catalog();

        RecordingLeg live = new RecordingLeg().holdCollects();
        CompletionStage<Outcome> liveCall = IvrApplication.run(catalog, new NumberLeg(live, "500"), CLOCK);
        assertTrue(live.waiting());

        Files.writeString(file, Files4Test.simple("500", "2002", "600"));
        waitFor("version 2", () -> catalog.byName("main").version() == 2);
        assertEquals(new Outcome.Redirect("2002", IvrRun.REASON, false), call(catalog, "500", "1"));

        live.type("1");
        assertEquals(new Outcome.Redirect("1001", IvrRun.REASON, false), liveCall.toCompletableFuture().getNow(null));
    }

    @Test
    void anInvalidEditIsRefusedWithItsLineAndTheOldVersionStays() throws Exception {
        Path file = dir.resolve("main.xml");
        Files.writeString(file, Files4Test.simple("500", "1001", "600"));
        IvrCatalog catalog = catalog();
        Files.writeString(file, Files4Test.simple("500", "1001", "600").replace("<on digits=\"2\">", "<on digits=\"2\" pattern=\"2\">"));
        waitFor("the fault", () -> catalog.faults().containsKey("main"));
        IvrFault f = catalog.faults().get("main");
        assertEquals(5, f.line());
        assertEquals("main.xml", f.file());
        assertEquals(1, catalog.byName("main").version());
        assertEquals(new Outcome.Redirect("600", IvrRun.REASON, false), call(catalog, "500", "2"));

        Files.writeString(file, Files4Test.simple("500", "1001", "601"));
        waitFor("version 2", () -> catalog.byName("main").version() == 2);
        assertFalse(catalog.faults().containsKey("main"));
    }

    @Test
    void newDeletedAndOversizedFilesAndTakenNumbers() throws Exception {
        Files.writeString(dir.resolve("main.xml"), Files4Test.simple("500", "1001", "600"));
        IvrCatalog catalog = catalog();
        Files.writeString(dir.resolve("night.xml"), Files4Test.simple("510", "1001", "600"));
        waitFor("night", () -> catalog.byNumber("510") != null);

        Files.writeString(dir.resolve("copy.xml"), Files4Test.simple("500", "1001", "600"));
        waitFor("the clash", () -> catalog.faults().containsKey("copy"));
        assertTrue(catalog.faults().get("copy").fault().contains("already answered by IVR 'main'"));
        assertEquals("main", catalog.byNumber("500").name());

        Files.writeString(dir.resolve("huge.xml"), "<ivr number=\"520\"><menu name=\"m\"/></ivr><!--" + "x".repeat(5000) + "-->");
        waitFor("the size fault", () -> catalog.faults().containsKey("huge"));
        assertTrue(catalog.faults().get("huge").fault().contains("over the limit of 4096"));

        Files.delete(dir.resolve("night.xml"));
        waitFor("night gone", () -> catalog.byNumber("510") == null);
        assertNull(catalog.byName("night"));
    }

    @Test
    void aCallForAnIvrNoLongerInServiceIsRefused() throws Exception {
        IvrCatalog catalog = catalog();
        RecordingLeg leg = new RecordingLeg(Map.of(IvrRouter.IVR, "gone"));
        Outcome o = IvrApplication.run(catalog, leg, CLOCK).toCompletableFuture().getNow(null);
        assertTrue(o instanceof Outcome.Reject r && r.status() == 404, String.valueOf(o));
    }
}
