package org.plugboard.directory.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.plugboard.console.CommandFailure;
import org.plugboard.console.completers.ExtensionCompleter;

@Service
@Command(scope = "pbx", name = "ext-remove", description = "Removes an extension and its credentials.")
public class ExtRemoveCommand extends DirectoryAction {
    @Argument(index = 0, name = "number", required = true)
    @Completion(ExtensionCompleter.class)
    String number;

    @Override
    void run() throws Exception {
        if (!directory.remove(number)) {
            throw CommandFailure.of("no extension " + number + ". List them with pbx:ext-list.");
        }
        System.out.println("Removed extension " + number);
    }
}
