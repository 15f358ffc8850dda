package org.plugboard.groups.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.plugboard.groups.internal.RingGroup;

@Service
@Command(scope = "pbx", name = "group-remove", description = "Removes a ring group and its member list. Calls up now are not"
        + " touched; its number is free again.")
public class GroupRemoveCommand extends GroupsAction {
    @Argument(index = 0, name = "number", required = true)
    @Completion(GroupNumberCompleter.class)
    String number;

    @Override
    void run() {
        RingGroup g = groups.remove(number);
        System.out.println("Removed group " + g.number() + " '" + g.name() + "'");
    }
}
