package org.plugboard.groups.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.plugboard.groups.internal.RingGroup;
import org.plugboard.console.completers.ExtensionCompleter;

@Service
@Command(scope = "pbx", name = "group-members", description = "Sets the members of a ring group, in ring order (replacing the"
        + " old list). No extensions: the group has none, and its calls go to its no-answer destination.")
public class GroupMembersCommand extends GroupsAction {
    @Argument(index = 0, name = "number", description = "the group's number", required = true)
    @Completion(GroupNumberCompleter.class)
    String number;

    @Argument(index = 1, name = "extensions", description = "extensions in ring order", required = false, multiValued = true)
    @Completion(ExtensionCompleter.class)
    List<String> extensions;

    @Override
    void run() {
        RingGroup g = groups.setMembers(number, extensions);
        System.out.println("Group " + g.number() + " members: " + (g.members().isEmpty() ? "none (calls go to its no-answer"
                + " destination: " + (g.noAnswer() == null ? "none" : g.noAnswer()) + ")" : String.join(", ", g.members())));
    }
}
