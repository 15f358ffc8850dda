package org.plugboard.recording.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.plugboard.recording.internal.RecordingConsole;

@Service
@Command(scope = "pbx", name = "rec-delete", description = "Deletes a recording: its file and its row.")
public class RecDeleteCommand extends ConsoleAction {
    @Argument(index = 0, name = "id", required = true, description = "the recording id (pbx:rec-list)")
    String id;

    @Override
    void run(RecordingConsole console) throws CommandException, InterruptedException {
        if (!await(console.delete(id))) {
            throw new IllegalArgumentException("no recording " + id.trim() + "; pbx:rec-list shows them");
        }
        System.out.println("Recording " + id.trim() + " deleted (file and row)");
    }
}
