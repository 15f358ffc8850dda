package org.plugboard.transfer.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.transfer.internal.Permit;
import org.plugboard.transfer.internal.PermitRegistry;
import org.plugboard.transfer.internal.TransferPolicy;
import org.plugboard.transfer.internal.TransferService;

@Service
@Command(scope = "pbx", name = "transfer-list", description = "Who may transfer calls: the defaults and every extension with a permit of its own")
public class TransferListCommand implements Action {
    @Reference
    PermitRegistry permits;

    @Reference
    TransferService service;

    @Override
    public Object execute() {
        TransferPolicy.Defaults d = service.defaults();
        System.out.println("Default: transfer " + (d.transfer() ? "on" : "off") + ", to outside numbers " + (d.outside() ? "on" : "off")
                + " (etc/org.plugboard.transfer.cfg: default.transfer, default.outside)");
        ShellTable table = new ShellTable();
        table.column("Extension");
        table.column("Transfer");
        table.column("Outside");
        for (Permit p : permits.own()) {
            table.addRow().addContent(p.extension(), Permit.describe(p.transfer(), d.transfer()), Permit.describe(p.outside(), d.outside()));
        }
        table.print(System.out);
        return null;
    }
}
