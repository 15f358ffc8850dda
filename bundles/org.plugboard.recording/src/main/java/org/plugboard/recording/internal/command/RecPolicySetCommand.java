package org.plugboard.recording.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.plugboard.recording.internal.Policy;
import org.plugboard.recording.internal.RecordingConsole;

@Service
@Command(scope = "pbx", name = "rec-policy-set", description = "Sets whether calls of an extension, group, line, trunk or the "
        + "site are recorded: always, never or on-demand (a party presses the code, *1 by default). For the site: "
        + "pbx:rec-policy-set site always")
public class RecPolicySetCommand extends ConsoleAction {
    @Argument(index = 0, name = "scope", required = true, description = "extension, group, line, trunk or site")
    @Completion(value = StringsCompleter.class, values = {"extension", "group", "line", "trunk", "site"})
    String scope;

    @Argument(index = 1, name = "name", required = true, description = "the extension, group, line or trunk; for site: the mode")
    String name;

    @Argument(index = 2, name = "mode", description = "always, never or on-demand")
    @Completion(value = StringsCompleter.class, values = {"always", "never", "on-demand"})
    String mode;

    @Override
    void run(RecordingConsole console) throws CommandException, InterruptedException {
        boolean site = "site".equalsIgnoreCase(scope);
        String m = site && mode == null ? name : mode;
        if (m == null) {
            throw new IllegalArgumentException("no mode: give always, never or on-demand, e.g. pbx:rec-policy-set " + scope + " "
                    + name + " always");
        }
        Policy p = await(console.setPolicy(scope, site ? null : name, m));
        System.out.println("Recording policy of " + p.scope().word() + (site ? "" : " " + p.name()) + ": " + p.mode().word());
    }
}
