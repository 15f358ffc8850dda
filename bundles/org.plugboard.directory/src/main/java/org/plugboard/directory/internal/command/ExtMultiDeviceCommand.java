package org.plugboard.directory.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.plugboard.console.CommandFailure;
import org.plugboard.console.completers.ExtensionCompleter;

@Service
@Command(scope = "pbx", name = "ext-multidevice", description = "Grants or revokes registration from several devices at once. "
        + "Without the permission a new device's registration replaces the old one.")
public class ExtMultiDeviceCommand extends DirectoryAction {
    @Argument(index = 0, name = "number", required = true)
    @Completion(ExtensionCompleter.class)
    String number;

    @Argument(index = 1, name = "grant|revoke", required = true)
    @Completion(value = StringsCompleter.class, values = {"grant", "revoke"})
    String action;

    @Argument(index = 2, name = "max", description = "how many devices when granting (default 5)", required = false)
    int max = 5;

    @Override
    void run() throws Exception {
        switch (action.toLowerCase()) {
            case "grant" -> {
                if (max < 2) {
                    throw CommandFailure.of("max must be at least 2 to grant multi-device, e.g. pbx:ext-multidevice " + number
                            + " grant 3; use revoke for one device.");
                }
                directory.setMaxDevices(number, max);
                System.out.println("Extension " + number + " may register up to " + max + " devices");
            }
            case "revoke" -> {
                directory.setMaxDevices(number, 1);
                System.out.println("Extension " + number + " registers one device; the next registration replaces the others");
            }
            default -> throw CommandFailure.of("unknown action '" + action + "': use grant or revoke, e.g. pbx:ext-multidevice "
                    + number + " grant 3");
        }
    }
}
