package org.plugboard.recording.internal.command;

import java.util.concurrent.CompletionStage;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.plugboard.console.CommandFailure;
import org.plugboard.console.StoredChange;
import org.plugboard.recording.internal.PolicyRegistry;
import org.plugboard.recording.internal.RecordingConsole;
import org.plugboard.recording.internal.Recordings;

/** The shape of every {@code pbx:rec-*} command: bad input and storage failures are one {@code Error:} line. */
abstract class ConsoleAction implements Action {
    @Reference
    PolicyRegistry policies;

    @Reference
    Recordings recordings;

    @Override
    public final Object execute() throws Exception {
        try {
            run(new RecordingConsole(policies, recordings));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw CommandFailure.from(e);
        } catch (RuntimeException e) {
            throw CommandFailure.of(e.getMessage() + "; check pbx-database and the log", e);
        }
        return null;
    }

    abstract void run(RecordingConsole console) throws CommandException, InterruptedException;

    static <T> T await(CompletionStage<T> stage) throws CommandException, InterruptedException {
        return StoredChange.await(stage);
    }
}
