package org.plugboard.groups.internal.command;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.api.directory.Extension;
import org.plugboard.groups.internal.RingGroup;
import org.plugboard.groups.internal.Strategy;

@Service
@Command(scope = "pbx", name = "group-show", description = "Shows a ring group: strategy, ring times, no-answer destination,"
        + " members, and the order the next call rings them in.")
public class GroupShowCommand extends GroupsAction {
    @Argument(index = 0, name = "number", required = true)
    @Completion(GroupNumberCompleter.class)
    String number;

    @Override
    void run() {
        RingGroup g = groups.find(number.trim()).orElseThrow(() -> new IllegalArgumentException("there is no group " + number
                + ": pbx:group-list shows the groups"));
        System.out.println("Group      " + g.number() + " '" + g.name() + "'");
        System.out.println("Strategy   " + g.strategy());
        System.out.println("Ring time  " + (g.strategy().oneAtATime() ? g.memberSeconds() + " s per member"
                : g.ringSeconds() + " s, every member at once"));
        System.out.println("No answer  " + (g.noAnswer() == null ? "none (the call ends as the members' attempt did)"
                : g.noAnswer() + " (when nobody answers, all are busy or none is reachable)"));
        if (g.members().isEmpty()) {
            System.out.println("Members    none");
            return;
        }
        List<String> next = groups.nextOrder(g);
        System.out.println("Next call  " + (g.strategy() == Strategy.SIMULTANEOUS ? "rings all of " : "rings ")
                + String.join(", ", next) + (g.strategy() == Strategy.ROUND_ROBIN ? " (least recently offered first)" : ""));
        Map<String, Instant> offered = groups.lastOffered(g);
        ShellTable table = new ShellTable();
        table.column("#").alignRight();
        table.column("Member");
        table.column("Name");
        if (g.strategy() == Strategy.ROUND_ROBIN) {
            table.column("Last offered");
        }
        for (int i = 0; i < g.members().size(); i++) {
            String m = g.members().get(i);
            String name = groups.extension(m).map(Extension::displayName).orElse("(not an extension now: skipped)");
            org.apache.karaf.shell.support.table.Row row = table.addRow();
            row.addContent(i + 1, m, name);
            if (g.strategy() == Strategy.ROUND_ROBIN) {
                row.addContent(offered.containsKey(m) ? offered.get(m).toString() : "never (since the PBX started)");
            }
        }
        table.print(System.out);
    }
}
