package org.plugboard.screening.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.plugboard.screening.internal.ScreeningService;
import org.plugboard.console.completers.ExtensionCompleter;

@Service
@Command(scope = "pbx", name = "screen-test", description = "Shows which entry would decide a call from caller to called "
        + "(the system list, then called's own list) and what the caller would get. Places no call.")
public class ScreenTestCommand extends ScreeningAction {
    @Reference
    ScreeningService service;

    @Argument(index = 0, name = "caller", description = "the caller's number, or anonymous for a withheld one", required = true)
    @Completion(value = StringsCompleter.class, values = {"anonymous"})
    String caller;

    @Argument(index = 1, name = "called", description = "the dialled number (an extension: its own list applies too)", required = true)
    @Completion(ExtensionCompleter.class)
    String called;

    @Override
    void run() {
        if (caller.isBlank() || called.isBlank()) {
            throw new IllegalArgumentException("give a caller and a called number, e.g. pbx:screen-test anonymous 1002");
        }
        service.explain(caller.trim(), called.trim()).forEach(System.out::println);
    }
}
