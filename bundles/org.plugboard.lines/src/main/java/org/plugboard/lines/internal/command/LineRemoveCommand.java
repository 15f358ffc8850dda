package org.plugboard.lines.internal.command;

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
import org.plugboard.lines.internal.LineConfigurations;

@Service
@Command(scope = "pbx", name = "line-remove", description = "Removes an external line: it unregisters from the provider "
        + "and its configuration is deleted.")
public class LineRemoveCommand implements Action {
    @Reference
    ConfigurationAdmin configAdmin;

    @Argument(index = 0, name = "name", required = true, description = "line name")
    @Completion(LineNameCompleter.class)
    String name;

    @Override
    public Object execute() throws Exception {
        List<Configuration> found = LineConfigurations.find(configAdmin, name);
        if (found.isEmpty()) {
            throw CommandFailure.of("no line named '" + name + "'; pbx:line-list shows the lines");
        }
        for (Configuration c : found) {
            c.delete();
        }
        System.out.println("Line " + name + " removed");
        return null;
    }
}
