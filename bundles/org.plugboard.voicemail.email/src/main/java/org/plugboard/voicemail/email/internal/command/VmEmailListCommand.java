package org.plugboard.voicemail.email.internal.command;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.voicemail.email.internal.Counters;
import org.plugboard.voicemail.email.internal.EmailNotifier;

@Service
@Command(scope = "pbx", name = "vm-email-list", description = "Lists the mailboxes whose messages are mailed, the SMTP "
        + "settings, and the mails sent, failed, retried and waiting with the last error.")
public class VmEmailListCommand extends EmailAction {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Reference
    EmailNotifier notifier;

    @Override
    protected void run() throws CommandException {
        ShellTable table = new ShellTable();
        table.column("Mailbox");
        table.column("Address");
        for (Map.Entry<String, String> e : addresses.all().entrySet()) {
            table.addRow().addContent(e.getKey(), e.getValue());
        }
        table.print(System.out);
        Counters.Snapshot c = notifier.counters();
        System.out.println("SMTP: " + notifier.describeSettings());
        System.out.println("Mails: sent " + c.sent() + ", failed " + c.failed() + ", retried " + c.retried() + ", waiting " + c.pending());
        Counters.LastError last = c.lastError();
        System.out.println("Last error: " + (last == null ? "none" : TIME.format(last.at()) + " " + last.what()));
    }
}
