package org.plugboard.serviceplans.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "pbx", name = "class-assign", description = "Puts an extension into a service class (out of the one it was in): "
        + "it follows the class's plan where it has none of its own.")
public class ClassAssignCommand extends PlanAction {
    @Argument(index = 0, name = "extension", description = "an extension of the directory", required = true)
    @Completion(ExtensionCompleter.class)
    String extension;

    @Argument(index = 1, name = "class", description = "service class name, e.g. sales (a letter first)", required = true)
    @Completion(ServiceClassCompleter.class)
    String serviceClass;

    @Override
    void run() {
        print(plans.assign(extension, serviceClass));
    }
}
