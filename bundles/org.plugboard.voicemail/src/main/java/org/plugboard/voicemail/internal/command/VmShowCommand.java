package org.plugboard.voicemail.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.plugboard.voicemail.internal.MailboxRegistry;
import org.plugboard.console.completers.ExtensionCompleter;
import org.apache.karaf.shell.support.CommandException;

@Service
@Command(scope = "pbx", name = "vm-show", description = "Shows one mailbox: PIN set, message counts against the quota, greetings.")
public class VmShowCommand extends VoicemailAction {
    @Argument(index = 0, name = "extension", required = true)
    @Completion(ExtensionCompleter.class)
    String number;

    @Override
    protected void run() throws CommandException {
        checkExtension(number);
        MailboxRegistry.BoxInfo i = voicemail.info(number);
        System.out.println("Mailbox:    " + number);
        System.out.println("PIN:        " + (i.pin() ? "set" : "none (pbx:vm-pin " + number + " <pin>)"));
        System.out.println("Messages:   " + i.fresh() + " new, " + i.saved() + " saved, " + i.seconds() + " s");
        System.out.println("Quota:      " + voicemail.quotaText());
        System.out.println("Greetings:  unavailable " + (i.unavailableGreeting() ? "own" : "system") + ", busy "
                + (i.busyGreeting() ? "own" : "system"));
        System.out.println("Directory:  " + i.directory());
    }
}
