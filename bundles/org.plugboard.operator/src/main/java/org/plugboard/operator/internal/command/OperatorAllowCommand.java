package org.plugboard.operator.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.plugboard.console.StoredChange;
import org.plugboard.console.completers.ExtensionAction;
import org.plugboard.console.completers.ExtensionCompleter;
import org.plugboard.operator.internal.Permissions;

@Service
@Command(scope = "pbx", name = "operator-allow", description = "Gives an extension the operator permission: it may dial the barge-in, listen and override codes.")
public class OperatorAllowCommand extends ExtensionAction {
    @Reference
    Permissions permissions;

    @Argument(index = 0, name = "extension", required = true)
    @Completion(ExtensionCompleter.class)
    String number;

    @Override
    protected void run() throws CommandException, InterruptedException {
        checkExtension(number);
        boolean changed = StoredChange.await(permissions.set(number, true));
        System.out.println("Operator permission " + (true ? "granted to " : "taken from ") + number + (changed ? "" : " (it already was so)"));
    }
}
