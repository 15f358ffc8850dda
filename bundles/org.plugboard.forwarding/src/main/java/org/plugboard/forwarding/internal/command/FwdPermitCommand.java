package org.plugboard.forwarding.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.plugboard.console.CommandFailure;
import org.plugboard.forwarding.internal.Kind;
import org.plugboard.forwarding.internal.Settings;
import org.plugboard.forwarding.internal.Targets;
import org.plugboard.console.completers.ExtensionCompleter;

@Service
@Command(scope = "pbx", name = "fwd-permit", description = "Allows or forbids an extension to forward calls to outside "
        + "numbers (numbers that are not extensions: lines, trunks). Without it such forwarding is not applied.")
public class FwdPermitCommand extends ForwardingAction {
    @Argument(index = 0, name = "extension", required = true)
    @Completion(ExtensionCompleter.class)
    String extension;

    @Argument(index = 1, name = "permission", description = "external", required = true)
    @Completion(value = StringsCompleter.class, values = {"external"})
    String permission;

    @Argument(index = 2, name = "on|off", required = true)
    @Completion(value = StringsCompleter.class, values = {"on", "off"})
    String value;

    @Override
    void run() throws Exception {
        if (!"external".equalsIgnoreCase(permission)) {
            throw CommandFailure.of("unknown permission '" + permission + "': the one there is is external, e.g. "
                    + "pbx:fwd-permit " + extension + " external on");
        }
        Boolean on = switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "on" -> Boolean.TRUE;
            case "off" -> Boolean.FALSE;
            default -> null;
        };
        if (on == null) {
            throw CommandFailure.of("'" + value + "': use on or off, e.g. pbx:fwd-permit " + extension + " external on");
        }
        checkExtension(extension);
        Settings s = forwardings.update(extension, now -> now.external(on));
        System.out.println(extension + (on ? " may now forward to outside numbers" : " may no longer forward to outside numbers"));
        Targets targets = targets();
        for (Kind k : Kind.values()) {
            String t = s.target(k);
            if (t != null && targets.check(s, t) == Targets.Problem.NOT_PERMITTED) {
                System.out.println("Note: forwarding " + k.description() + " to " + t + " stays set but is not applied");
            }
        }
    }
}
