package org.plugboard.trunks.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.plugboard.console.CommandFailure;
import org.plugboard.trunks.internal.TrunkConfigurations;

@Service
@Command(scope = "pbx", name = "trunk-remove", description = "Removes a SIP trunk (its configuration is deleted). Calls "
        + "up on it are not dropped; new calls from its peers are then treated as coming from phones.")
public class TrunkRemoveCommand implements Action {
    @Reference
    ConfigurationAdmin configAdmin;

    @Argument(index = 0, name = "name", required = true, description = "trunk name")
    @Completion(TrunkNameCompleter.class)
    String name;

    @Override
    public Object execute() throws Exception {
        List<Configuration> found = TrunkConfigurations.find(configAdmin, name);
        if (found.isEmpty()) {
            throw CommandFailure.of("no trunk named '" + name + "'; pbx:trunk-list shows the trunks");
        }
        for (Configuration c : found) {
            c.delete();
        }
        System.out.println("Trunk " + name + " removed");
        return null;
    }
}
