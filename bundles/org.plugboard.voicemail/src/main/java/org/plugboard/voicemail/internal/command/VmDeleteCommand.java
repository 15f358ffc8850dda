package org.plugboard.voicemail.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.plugboard.console.completers.ExtensionCompleter;
import org.plugboard.console.CommandFailure;
import org.apache.karaf.shell.support.CommandException;

@Service
@Command(scope = "pbx", name = "vm-delete", description = "Deletes voice messages of a mailbox: the ids pbx:vm-list <ext> shows, or all.")
public class VmDeleteCommand extends VoicemailAction {
    @Argument(index = 0, name = "extension", required = true)
    @Completion(ExtensionCompleter.class)
    String number;

    @Argument(index = 1, name = "id|all", required = true, multiValued = true)
    List<String> ids;

    @Override
    protected void run() throws CommandException, InterruptedException {
        boolean all = ids.size() == 1 && "all".equalsIgnoreCase(ids.get(0));
        if (!all) {
            for (String id : ids) {
                if (voicemail.messages(number).stream().noneMatch(m -> m.id().equals(id))) {
                    throw CommandFailure.of("mailbox " + number + " has no message " + id + "; see pbx:vm-list " + number);
                }
            }
        }
        int n = await(voicemail.delete(number, all ? List.of() : ids));
        System.out.println(n + " message(s) of " + number + " deleted");
    }
}
