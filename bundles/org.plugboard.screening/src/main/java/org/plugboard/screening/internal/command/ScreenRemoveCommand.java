package org.plugboard.screening.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.plugboard.screening.internal.Entry;

@Service
@Command(scope = "pbx", name = "screen-remove", description = "Removes a screening entry by its id (pbx:screen-list shows them).")
public class ScreenRemoveCommand extends ScreeningAction {
    @Argument(index = 0, name = "id", required = true)
    @Completion(EntryIdCompleter.class)
    String id;

    @Override
    void run() {
        long n;
        try {
            n = Long.parseLong(id.trim().replaceFirst("^#", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + id + "' is no entry id: give the number pbx:screen-list shows, e.g. "
                    + "pbx:screen-remove 12");
        }
        Entry e = lists.remove(n);
        System.out.println("Removed entry " + e.describe() + " from " + e.listName());
    }
}
