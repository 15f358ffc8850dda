package org.plugboard.screening.internal.command;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.plugboard.api.directory.Directory;
import org.plugboard.screening.internal.Entry;
import org.plugboard.screening.internal.ListKind;

@Service
@Command(scope = "pbx", name = "screen-add", description = "Adds an entry to the system list or an extension's personal "
        + "list. Black entries refuse matching calls (--rate: the share refused), white entries let them through the list.")
public class ScreenAddCommand extends ScreeningAction {
    @Reference
    Directory directory;

    @Argument(index = 0, name = "system|ext", description = "the system list (every call) or an extension's own list", required = true)
    @Completion(ListOwnerCompleter.class)
    String owner;

    @Argument(index = 1, name = "black|white", required = true)
    @Completion(value = StringsCompleter.class, values = {"black", "white"})
    String kind;

    @Argument(index = 2, name = "caller-prefix|anonymous", description = "digits the caller's number starts with "
            + "(optional leading +), anonymous for withheld numbers, or * for any caller", required = true)
    @Completion(value = StringsCompleter.class, values = {"anonymous", "*"})
    String caller;

    @Argument(index = 3, name = "called-prefix", description = "digits the dialled number starts with, or * (default) for any",
            required = false)
    @Completion(value = StringsCompleter.class, values = {"*"})
    String called = Entry.ANY;

    @Option(name = "--rate", description = "percentage of matching calls a black entry refuses, 0-100 (default 100: all)")
    String rate;

    /** Karaf reads options before the first argument only: {@code --rate N} after them arrives here. */
    @Argument(index = 4, name = "--rate N", description = "the rate may also follow the arguments", required = false,
            multiValued = true)
    List<String> trailing;

    @Override
    void run() {
        trailingRate();
        if (!Entry.SYSTEM.equalsIgnoreCase(owner.trim()) && directory.find(owner.trim()).isEmpty()) {
            System.err.println("Error: " + owner + " is no extension (pbx:ext-list shows them); use system for the list "
                    + "every call goes through");
            return;
        }
        Entry e = lists.add(owner, kind, caller, called, rate);
        System.out.println("Added entry " + e.describe() + " to " + e.listName() + ": "
                + (e.kind() == ListKind.WHITE ? "matching calls pass this list"
                        : e.rate() == 100 ? "matching calls are refused" : "refuses " + e.rate() + "% of matching calls"));
    }

    /** Takes {@code --rate N} or {@code --rate=N} from after the arguments (also when the called prefix was left out). */
    private void trailingRate() {
        List<String> rest = new ArrayList<>(trailing == null ? List.of() : trailing);
        if (called != null && called.startsWith("--")) {
            rest.add(0, called);
            called = Entry.ANY;
        }
        for (int i = 0; i < rest.size(); i++) {
            String t = rest.get(i);
            if (t.startsWith("--rate=")) {
                rate = t.substring("--rate=".length());
            } else if (t.equals("--rate")) {
                if (i + 1 == rest.size()) {
                    throw new IllegalArgumentException("--rate needs a percentage from 0 to 100, e.g. --rate 50");
                }
                rate = rest.get(++i);
            } else {
                throw new IllegalArgumentException("unexpected '" + t + "' after the prefixes: the only option is --rate N, "
                        + "e.g. pbx:screen-add 1002 black 0049 * --rate 50");
            }
        }
    }
}
