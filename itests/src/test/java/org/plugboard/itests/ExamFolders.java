package org.plugboard.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keeps the exam folder small: every test class unpacks a whole Karaf (about 110 MB, most of it the bundle cache and
 * the system repository), and 40 classes filled the disk of a CI machine. Classes run one after another, so when a
 * class is configured every folder already there belongs to a finished container; its logs and configuration (what a
 * failed run is read from) stay, the parts that only a running Karaf needs go.
 */
final class ExamFolders {

    /** The parts of a finished runtime folder nobody reads after the container stopped. */
    static final List<String> DISPOSABLE = List.of("system", "data/cache", "lib", "assembly", "bin");

    private ExamFolders() {
    }

    static void pruneFinished(Path examDirectory) {
        if (!Files.isDirectory(examDirectory)) {
            return;
        }
        try (Stream<Path> runtimes = Files.list(examDirectory)) {
            for (Path runtime : runtimes.filter(Files::isDirectory).toList()) {
                for (String part : DISPOSABLE) {
                    deleteTree(runtime.resolve(part));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prune the finished Karaf folders in " + examDirectory, e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
