package org.plugboard.voicemail.internal.command;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.voicemail.internal.MailboxRegistry;
import org.plugboard.voicemail.internal.Message;
import org.plugboard.console.completers.ExtensionCompleter;
import org.apache.karaf.shell.support.CommandException;

@Service
@Command(scope = "pbx", name = "vm-list", description = "Lists the mailboxes in use (messages, PIN), or the messages of one mailbox.")
public class VmListCommand extends VoicemailAction {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Argument(index = 0, name = "extension", required = false)
    @Completion(ExtensionCompleter.class)
    String number;

    @Override
    protected void run() throws CommandException {
        ShellTable table = new ShellTable();
        if (number == null) {
            table.column("Mailbox");
            table.column("New");
            table.column("Saved");
            table.column("Seconds");
            table.column("PIN");
            for (String box : voicemail.boxesInUse()) {
                MailboxRegistry.BoxInfo i = voicemail.info(box);
                table.addRow().addContent(box, i.fresh(), i.saved(), i.seconds(), i.pin() ? "set" : "none");
            }
        } else {
            checkExtension(number);
            table.column("Id");
            table.column("Folder");
            table.column("From");
            table.column("Received");
            table.column("Seconds");
            for (Message m : voicemail.messages(number)) {
                table.addRow().addContent(m.id(), m.folder(), m.caller(), TIME.format(m.receivedAt()), m.seconds());
            }
        }
        table.print(System.out);
    }
}
