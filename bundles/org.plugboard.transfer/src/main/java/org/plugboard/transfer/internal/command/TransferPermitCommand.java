package org.plugboard.transfer.internal.command;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.plugboard.console.CommandFailure;
import org.plugboard.console.completers.ExtensionCompleter;
import org.plugboard.transfer.internal.Permit;
import org.plugboard.transfer.internal.TransferPolicy;
import org.plugboard.transfer.internal.TransferService;

@Service
@Command(scope = "pbx", name = "transfer-permit", description = "Sets whether an extension may transfer calls (REFER), and with "
        + "--external whether also to outside numbers (lines, trunks); default follows org.plugboard.transfer.")
public class TransferPermitCommand extends PermitAction {
    private static final String EXAMPLE = "pbx:transfer-permit 1002 on --external off";

    @Reference
    TransferService service;

    @Argument(index = 0, name = "extension", required = true)
    @Completion(ExtensionCompleter.class)
    String number;

    @Argument(index = 1, name = "on|off|default", required = true)
    @Completion(value = StringsCompleter.class, values = {"on", "off", "default"})
    String value;

    @Option(name = "--external", description = "on|off|default: may it transfer to outside numbers too")
    String external;

    /** Karaf reads options before the first argument only: {@code --external X} after them arrives here. */
    @Argument(index = 2, name = "--external on|off|default", description = "the option may also follow the arguments",
            required = false, multiValued = true)
    List<String> trailing;

    @Override
    protected void run() throws CommandException, InterruptedException {
        trailingOption();
        Boolean transfer = onOffDefault(value, EXAMPLE);
        boolean setOutside = external != null;
        Boolean outside = setOutside ? onOffDefault(external, EXAMPLE) : null;
        checkExtension(number);
        Permit p = change(number, old -> {
            Permit next = old.withTransfer(transfer);
            return setOutside ? next.withOutside(outside) : next;
        });
        TransferPolicy.Defaults d = service.defaults();
        System.out.println("Transfer for " + number + ": " + Permit.describe(p.transfer(), d.transfer()) + ", to outside numbers: "
                + Permit.describe(p.outside(), d.outside()));
    }

    private void trailingOption() throws CommandException {
        List<String> rest = new ArrayList<>(trailing == null ? List.of() : trailing);
        for (int i = 0; i < rest.size(); i++) {
            String t = rest.get(i);
            if (t.startsWith("--external=")) {
                external = t.substring("--external=".length());
            } else if (t.equals("--external") && i + 1 < rest.size()) {
                external = rest.get(++i);
            } else {
                throw CommandFailure.of("unexpected '" + t + "': the only option is --external on|off|default, e.g. " + EXAMPLE);
            }
        }
    }
}
