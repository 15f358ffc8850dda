package org.plugboard.screening.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.plugboard.api.directory.Directory;
import org.plugboard.console.completers.ExtensionCompleter;

@Service
@Command(scope = "pbx", name = "screen-anonymous", description = "Refuses (on) or accepts (off) anonymous calls to an extension.")
public class ScreenAnonymousCommand extends ScreeningAction {
    @Reference
    Directory directory;

    @Argument(index = 0, name = "ext", required = true)
    @Completion(ExtensionCompleter.class)
    String extension;

    @Argument(index = 1, name = "on|off", required = true)
    @Completion(value = StringsCompleter.class, values = {"on", "off"})
    String state;

    @Override
    void run() {
        boolean refuse;
        switch (state.trim().toLowerCase()) {
            case "on" -> refuse = true;
            case "off" -> refuse = false;
            default -> throw new IllegalArgumentException("'" + state + "' is neither on nor off: pbx:screen-anonymous "
                    + extension + " on refuses anonymous calls, off accepts them");
        }
        if (directory.find(extension.trim()).isEmpty()) {
            throw new IllegalArgumentException(extension + " is no extension: pbx:ext-list shows them");
        }
        lists.refuseAnonymous(extension, refuse);
        System.out.println("Extension " + extension.trim() + (refuse ? " refuses anonymous calls (a personal white entry still lets one through)"
                : " accepts anonymous calls"));
    }
}
