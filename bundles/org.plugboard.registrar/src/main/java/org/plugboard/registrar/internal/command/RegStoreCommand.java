package org.plugboard.registrar.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.plugboard.registrar.internal.LocationStore;
import org.plugboard.registrar.internal.StoreStats;

@Service
@Command(scope = "pbx", name = "reg-store", description = "Shows how registrations reach the database: group commits, failures, what waits.")
public class RegStoreCommand implements Action {
    @Reference
    LocationStore store;

    @Override
    public Object execute() {
        StoreStats s = store.stats();
        line("Durable when", store.checkpoints() ? "committed and H2's CHECKPOINT SYNC done (once per batch)"
                : "the database's commit returns");
        line("Commits", s.commits() + ", the last took " + String.format("%.1f", s.lastCommitMicros() / 1000.0) + " ms");
        line("Stored (200)", s.acknowledged() + " change(s), " + (s.commits() == 0 ? "-"
                : String.format("%.1f", (double) s.acknowledged() / s.commits())) + " per commit, at most " + s.largestBatch());
        line("Extensions written", String.valueOf(s.extensionsWritten()));
        line("Not stored (500)", s.refused() + " write failed, " + s.timedOut() + " timed out, " + s.overflowed()
                + " over the queue limit");
        line("Failed writes", s.failedWrites() + (s.lastFailure() == null ? ""
                : ", the last at " + s.lastFailureAt() + ": " + s.lastFailure()));
        line("Waiting now", s.waiting() + " change(s); " + s.dirty() + " extension(s) not yet written");
        return null;
    }

    private static void line(String label, String value) {
        System.out.printf("%-19s %s%n", label, value);
    }
}
