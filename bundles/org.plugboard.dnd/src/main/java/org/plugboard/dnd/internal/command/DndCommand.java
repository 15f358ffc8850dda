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
@Command(scope = "pbx", name = "dnd", description = "Turns do-not-disturb on or off for an extension. With DND on, calls to it get "
        + "busy treatment: its forwarding on busy, else 486 Busy Here.")
public class DndCommand extends SettingsAction {
    @Argument(index = 0, name = "extension", required = true)
    @Completion(ExtensionCompleter.class)
    String number;

    @Argument(index = 1, name = "on|off", required = true)
    @Completion(value = StringsCompleter.class, values = {"on", "off"})
    String value;

    @Override
    protected void run() throws CommandException, InterruptedException {
        boolean on = StoredChange.onOff(value, "pbx:dnd " + number + " on");
        checkExtension(number);
        change(number, s -> s.withDnd(on));
        System.out.println("DND " + (on ? "on" : "off") + " for " + number
                + (on ? ": calls to it get busy treatment" : ": calls to it ring again"));
    }
}
