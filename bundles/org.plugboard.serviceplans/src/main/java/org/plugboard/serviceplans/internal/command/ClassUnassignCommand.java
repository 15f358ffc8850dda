package org.plugboard.serviceplans.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "pbx", name = "class-unassign", description = "Takes an extension out of its service class.")
public class ClassUnassignCommand extends PlanAction {
    @Argument(index = 0, name = "extension", description = "an extension in a service class", required = true)
    @Completion(ExtensionCompleter.class)
    String extension;

    @Override
    void run() {
        print(plans.unassign(extension));
    }
}
