package org.plugboard.groups.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.console.TrailingOptions;
import org.plugboard.groups.internal.PickupGroup;
import org.plugboard.console.completers.ExtensionCompleter;

@Service
@Command(scope = "pbx", name = "pickup-group", description = "Sets the extensions of a pickup group (they may pick up each"
        + " other's ringing calls), replacing its old ones. Without a name: lists the pickup groups; a name alone shows one;"
        + " --remove removes it. Pickup itself (by feature code) waits for the core's pickup operation.")
public class PickupGroupCommand extends GroupsAction {
    @Argument(index = 0, name = "name", description = "the pickup group's name, e.g. sales", required = false)
    @Completion(PickupNameCompleter.class)
    String name;

    @Argument(index = 1, name = "extensions", description = "its extensions", required = false, multiValued = true)
    @Completion(ExtensionCompleter.class)
    List<String> extensions;

    @Option(name = "--remove", description = "remove the named pickup group")
    boolean remove;

    @Override
    void run() {
        if (name == null) {
            list();
            return;
        }
        // "--remove" after the name arrives among the extensions (Karaf reads options only before the arguments)
        TrailingOptions.Parsed later = new TrailingOptions().flag("--remove").keepOtherWords().parse(extensions);
        remove = later.flag("--remove", remove);
        extensions = later.others();
        if (remove || extensions != null && !extensions.isEmpty()) {
            if (remove && extensions != null && !extensions.isEmpty()) {
                throw new IllegalArgumentException("give either extensions or --remove, e.g. pbx:pickup-group --remove " + name);
            }
            PickupGroup g = groups.setPickup(name, remove ? List.of() : extensions);
            System.out.println(g == null ? "Removed pickup group " + name.trim()
                    : "Pickup group " + g.name() + ": " + String.join(", ", g.members()));
            return;
        }
        PickupGroup g = groups.pickupGroups().find(name.trim());
        if (g == null) {
            throw new IllegalArgumentException("there is no pickup group " + name + ": create it with pbx:pickup-group " + name
                    + " <extension...>");
        }
        System.out.println("Pickup group " + g.name() + ": " + String.join(", ", g.members()));
    }

    private void list() {
        List<PickupGroup> all = groups.pickupGroups().all();
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Extensions");
        for (PickupGroup g : all) {
            table.addRow().addContent(g.name(), String.join(",", g.members()));
        }
        table.print(System.out);
        System.out.println(all.size() + " pickup group(s)");
    }
}
