package org.plugboard.recording.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.plugboard.recording.internal.RecordingConsole;
import org.plugboard.recording.internal.RecordingRow;

@Service
@Command(scope = "pbx", name = "rec-show", description = "Shows a recording by its id, or every recording of a call by its CDR call id.")
public class RecShowCommand extends ConsoleAction {
    @Argument(index = 0, name = "id", required = true, description = "a recording id or a CDR call id (pbx:rec-list)")
    String id;

    @Override
    void run(RecordingConsole console) {
        for (RecordingRow r : console.show(id)) {
            RecordingConsole.describe(r).forEach(System.out::println);
        }
    }
}
