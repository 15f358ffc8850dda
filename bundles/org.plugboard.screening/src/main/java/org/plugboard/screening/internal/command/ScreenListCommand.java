package org.plugboard.screening.internal.command;

import java.util.List;
import java.util.TreeSet;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.screening.internal.Entry;
import org.plugboard.screening.internal.ListKind;

@Service
@Command(scope = "pbx", name = "screen-list", description = "Lists screening entries and the extensions that refuse anonymous calls.")
public class ScreenListCommand extends ScreeningAction {
    @Argument(index = 0, name = "system|ext", description = "only the system list, or one extension's", required = false)
    @Completion(ListOwnerCompleter.class)
    String owner;

    @Override
    void run() {
        List<Entry> entries = lists.entries(owner);
        ShellTable table = new ShellTable();
        table.column("Id").alignRight();
        table.column("List");
        table.column("Kind");
        table.column("Caller");
        table.column("Called");
        table.column("Rate").alignRight();
        for (Entry e : entries) {
            table.addRow().addContent(e.id(), e.owner(), e.kind().label(), e.caller(), e.called(),
                    e.kind() == ListKind.WHITE ? "-" : e.rate() + "%");
        }
        table.print(System.out);
        System.out.println(entries.size() + " entr" + (entries.size() == 1 ? "y" : "ies"));
        TreeSet<String> anonymous = new TreeSet<>(lists.anonymousRefused());
        if (owner != null && !Entry.SYSTEM.equalsIgnoreCase(owner.trim())) {
            anonymous.retainAll(List.of(owner.trim()));
        }
        System.out.println("Anonymous calls refused by: " + (anonymous.isEmpty() ? "none" : String.join(", ", anonymous)));
    }
}
