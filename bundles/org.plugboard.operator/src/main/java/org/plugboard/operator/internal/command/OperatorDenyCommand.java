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
@Command(scope = "pbx", name = "operator-deny", description = "Takes the operator permission from an extension: its operator codes get 403 Forbidden.")
public class OperatorDenyCommand extends ExtensionAction {
    @Reference
    Permissions permissions;

    @Argument(index = 0, name = "extension", required = true)
    @Completion(ExtensionCompleter.class)
    String number;

    @Override
    protected void run() throws CommandException, InterruptedException {
        checkExtension(number);
        boolean changed = StoredChange.await(permissions.set(number, false));
        System.out.println("Operator permission " + (false ? "granted to " : "taken from ") + number + (changed ? "" : " (it already was so)"));
    }
}
