package org.plugboard.directory.internal.command;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.plugboard.api.directory.ImportResult;
import org.plugboard.console.CommandFailure;

@Service
@Command(scope = "pbx", name = "ext-import", description = "Imports extensions from a CSV file with lines number;password;name "
        + "(# starts a comment). Existing extensions get the new password and name.")
public class ExtImportCommand extends DirectoryAction {
    @Argument(index = 0, name = "file", description = "path of the CSV file on the PBX machine", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Override
    void run() throws Exception {
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw CommandFailure.of("cannot read " + path.toAbsolutePath() + ". Give the path of a CSV file on the PBX machine.");
        }
        long start = System.nanoTime();
        ImportResult r;
        try (Reader reader = Files.newBufferedReader(path)) {
            r = directory.importCsv(reader);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("Imported " + path.getFileName() + ": " + r.added() + " added, " + r.updated() + " updated, "
                + r.rejected().size() + " rejected in " + ms + " ms");
        r.rejected().stream().limit(50).forEach(line -> System.out.println("  rejected " + line));
        if (r.rejected().size() > 50) {
            System.out.println("  ... and " + (r.rejected().size() - 50) + " more");
        }
    }
}
