package org.plugboard.forwarding.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.plugboard.console.CommandFailure;
import org.plugboard.forwarding.internal.Kind;
import org.plugboard.forwarding.internal.Settings;
import org.plugboard.console.completers.ExtensionCompleter;

@Service
@Command(scope = "pbx", name = "fwd-clear", description = "Clears call forwarding of an extension: one kind (cfu, cfb, "
        + "cfnr, cfnrc), or all of them when no kind is given. The permission to forward outside stays.")
public class FwdClearCommand extends ForwardingAction {
    @Argument(index = 0, name = "extension", required = true)
    @Completion(ExtensionCompleter.class)
    String extension;

    @Argument(index = 1, name = "kind", description = "cfu, cfb, cfnr or cfnrc; none: all", required = false)
    @Completion(KindCompleter.class)
    String kind;

    @Override
    void run() throws Exception {
        Kind k = kind == null ? null : Kind.of(kind).orElse(null);
        if (kind != null && k == null) {
            throw CommandFailure.of("unknown kind '" + kind + "': use " + Kind.choices() + ", or no kind to clear all.");
        }
        Settings before = forwardings.get(extension);
        if (k == null ? before.targets().isEmpty() : before.target(k) == null) {
            System.out.println(extension + ": no forwarding " + (k == null ? "" : k.description() + " ") + "was set");
            return;
        }
        forwardings.update(extension, s -> k == null ? s.withoutAny() : s.without(k));
        System.out.println(extension + ": " + (k == null ? "all forwarding" : "forwarding " + k.description()) + " off");
    }
}
