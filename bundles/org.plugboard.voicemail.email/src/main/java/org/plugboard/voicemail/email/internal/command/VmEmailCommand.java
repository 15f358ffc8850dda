package org.plugboard.voicemail.email.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.plugboard.console.CommandFailure;
import org.plugboard.console.StoredChange;
import org.plugboard.console.completers.ExtensionCompleter;
import org.plugboard.voicemail.email.internal.AddressBook;

@Service
@Command(scope = "pbx", name = "vm-email", description = "Mails each new voice message of an extension's mailbox, the "
        + "recording attached, to an address (SMTP settings: etc/org.plugboard.voicemail.email.cfg).")
public class VmEmailCommand extends EmailAction {
    @Argument(index = 0, name = "extension", required = true)
    @Completion(ExtensionCompleter.class)
    String number;

    @Argument(index = 1, name = "address", required = true, description = "one plain address, e.g. alice@example.com")
    String address;

    @Override
    protected void run() throws CommandException, InterruptedException {
        checkExtension(number);
        String problem = AddressBook.problem(address);
        if (problem != null) {
            throw CommandFailure.of("address refused: " + problem + "; give one plain address, e.g. pbx:vm-email " + number
                    + " alice@example.com");
        }
        String before = StoredChange.await(addresses.set(number, address));
        System.out.println("Voicemail of " + number + " is mailed to " + address.trim()
                + (before != null && !before.equals(address.trim()) ? " (was " + before + ")" : ""));
    }
}
