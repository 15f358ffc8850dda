package org.plugboard.ivr.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.plugboard.console.CommandFailure;
import org.plugboard.ivr.internal.IvrConsole;

@Service
@Command(scope = "pbx", name = "ivr-show", description = "Shows an IVR in service: its menus and steps, its hours, its fault if the last edit was refused.")
public class IvrShowCommand implements Action {
    @Argument(index = 0, name = "name", description = "the IVR's name (its file name without .xml)", required = true)
    @Completion(IvrNameCompleter.class)
    String name;

    @Reference
    IvrConsole ivrs;

    @Override
    public Object execute() throws Exception {
        try {
            System.out.print(ivrs.show(name));
        } catch (IllegalArgumentException e) {
            throw CommandFailure.from(e);
        }
        return null;
    }
}
