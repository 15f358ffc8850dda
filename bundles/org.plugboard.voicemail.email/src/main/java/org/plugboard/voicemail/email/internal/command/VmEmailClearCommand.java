package org.plugboard.voicemail.email.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.plugboard.console.StoredChange;
import org.plugboard.console.completers.ExtensionCompleter;

@Service
@Command(scope = "pbx", name = "vm-email-clear", description = "Stops mailing an extension's voice messages (removes its address).")
public class VmEmailClearCommand extends EmailAction {
    @Argument(index = 0, name = "extension", required = true)
    @Completion(ExtensionCompleter.class)
    String number;

    @Override
    protected void run() throws CommandException, InterruptedException {
        checkExtension(number);
        String before = StoredChange.await(addresses.set(number, null));
        System.out.println(before == null ? "Voicemail of " + number + " had no email address; nothing to clear"
                : "Voicemail of " + number + " is no longer mailed (was " + before + ")");
    }
}
