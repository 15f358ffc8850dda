package org.plugboard.recording.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.recording.internal.RecordingConsole;

@Service
@Command(scope = "pbx", name = "rec-policy-list", description = "Lists the recording policies, and the site default from the "
        + "configuration. A call takes the strongest of its extensions' policies, else its group's, else its line's or "
        + "trunk's, else the site's.")
public class RecPolicyListCommand extends ConsoleAction {
    @Override
    void run(RecordingConsole console) {
        ShellTable table = new ShellTable();
        table.column("Scope");
        table.column("Name");
        table.column("Mode");
        for (List<String> row : console.policyRows()) {
            table.addRow().addContent(row.get(0), row.get(1), row.get(2));
        }
        table.print(System.out);
    }
}
