package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ExamFoldersTest {

    @Rule
    public TemporaryFolder temporary = new TemporaryFolder();

    @Test
    public void aFinishedRuntimeKeepsItsLogsAndConfigurationOnly() throws IOException {
        Path exam = temporary.getRoot().toPath();
        Path runtime = exam.resolve("0f1e");
        write(runtime.resolve("system/org/plugboard/sip/1.0/sip.jar"), "jar");
        write(runtime.resolve("data/cache/bundle12/version0.0/bundle.jar"), "jar");
        write(runtime.resolve("lib/boot/org.apache.karaf.main.jar"), "jar");
        write(runtime.resolve("data/log/karaf.log"), "the log a failed run is read from");
        write(runtime.resolve("etc/org.plugboard.sip.cfg"), "port = 15060");

        ExamFolders.pruneFinished(exam);

        assertFalse(Files.exists(runtime.resolve("system")));
        assertFalse(Files.exists(runtime.resolve("data/cache")));
        assertFalse(Files.exists(runtime.resolve("lib")));
        assertEquals("the log a failed run is read from", Files.readString(runtime.resolve("data/log/karaf.log")));
        assertTrue(Files.exists(runtime.resolve("etc/org.plugboard.sip.cfg")));
    }

    @Test
    public void aMissingExamFolderIsNoError() {
        ExamFolders.pruneFinished(temporary.getRoot().toPath().resolve("absent"));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
