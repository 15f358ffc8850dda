package org.plugboard.recording.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.plugboard.recording.internal.RecordingConsole;

@Service
@Command(scope = "pbx", name = "rec-policy-remove", description = "Removes the recording policy of an extension, group, line, trunk "
        + "or the site: its calls follow the next policy (see pbx:rec-policy-list).")
public class RecPolicyRemoveCommand extends ConsoleAction {
    @Argument(index = 0, name = "scope", required = true, description = "extension, group, line, trunk or site")
    @Completion(value = StringsCompleter.class, values = {"extension", "group", "line", "trunk", "site"})
    String scope;

    @Argument(index = 1, name = "name", description = "the extension, group, line or trunk (none for site)")
    String name;

    @Override
    void run(RecordingConsole console) throws CommandException, InterruptedException {
        boolean was = await(console.removePolicy(scope, name));
        String what = scope.toLowerCase() + ("site".equalsIgnoreCase(scope) ? "" : " " + name);
        if (!was) {
            throw new IllegalArgumentException("no recording policy for " + what + "; pbx:rec-policy-list shows them");
        }
        System.out.println("Recording policy of " + what + " removed");
    }
}
