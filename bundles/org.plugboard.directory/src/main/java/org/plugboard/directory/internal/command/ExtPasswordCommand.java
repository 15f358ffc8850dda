package org.plugboard.directory.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.plugboard.console.completers.ExtensionCompleter;

@Service
@Command(scope = "pbx", name = "ext-password", description = "Sets the SIP password of an extension.")
public class ExtPasswordCommand extends DirectoryAction {
    @Argument(index = 0, name = "number", required = true)
    @Completion(ExtensionCompleter.class)
    String number;

    @Argument(index = 1, name = "password", description = "new password, at least 6 characters (masked in the history)", required = true, censor = true, mask = '*')
    String password;

    @Override
    void run() {
        directory.setPassword(number, password);
        System.out.println("Password of " + number + " changed; its phones must use the new one at their next registration.");
    }
}
