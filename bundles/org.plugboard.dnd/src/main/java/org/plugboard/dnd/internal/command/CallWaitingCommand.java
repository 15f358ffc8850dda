package org.plugboard.dnd.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.plugboard.console.StoredChange;
import org.plugboard.console.completers.ExtensionCompleter;

@Service
@Command(scope = "pbx", name = "callwaiting", description = "Turns call waiting on (the default: a second call rings while the "
        + "extension is in a call) or off (it gets busy treatment while the extension talks or calls out).")
public class CallWaitingCommand extends SettingsAction {
    @Argument(index = 0, name = "extension", required = true)
    @Completion(ExtensionCompleter.class)
    String number;

    @Argument(index = 1, name = "on|off", required = true)
    @Completion(value = StringsCompleter.class, values = {"on", "off"})
    String value;

    @Override
    protected void run() throws CommandException, InterruptedException {
        boolean on = StoredChange.onOff(value, "pbx:callwaiting " + number + " off");
        checkExtension(number);
        change(number, s -> s.withCallWaiting(on));
        System.out.println("Call waiting " + (on ? "on" : "off") + " for " + number
                + (on ? ": a second call rings while it is in a call" : ": a second call gets busy treatment while it is in a call"));
    }
}
