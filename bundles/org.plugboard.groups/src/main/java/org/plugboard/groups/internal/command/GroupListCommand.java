package org.plugboard.groups.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.groups.internal.RingGroup;

@Service
@Command(scope = "pbx", name = "group-list", description = "Lists the ring groups.")
public class GroupListCommand extends GroupsAction {
    @Override
    void run() {
        List<RingGroup> all = groups.list();
        ShellTable table = new ShellTable();
        table.column("Number");
        table.column("Name");
        table.column("Strategy");
        table.column("Ring");
        table.column("No answer");
        table.column("Members");
        for (RingGroup g : all) {
            table.addRow().addContent(g.number(), g.name(), g.strategy().label(),
                    g.strategy().oneAtATime() ? g.memberSeconds() + " s each" : g.ringSeconds() + " s",
                    g.noAnswer() == null ? "-" : g.noAnswer(), g.members().isEmpty() ? "-" : String.join(",", g.members()));
        }
        table.print(System.out);
        System.out.println(all.size() + " group(s)");
        for (RingGroup g : all) {
            groups.extension(g.number()).ifPresent(e -> System.out.println("Warning: " + g.number() + " is also an extension ("
                    + e.displayName() + ") now; calls to it ring the group. Remove one of the two."));
        }
    }
}
