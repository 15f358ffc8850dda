package org.plugboard.ivr.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.ivr.internal.IvrConsole;

@Service
@Command(scope = "pbx", name = "ivr-list", description = "Lists the IVRs in service, the refused files and the counters.")
public class IvrListCommand implements Action {
    @Reference
    IvrConsole ivrs;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Number");
        table.column("Version").alignRight();
        table.column("Menus").alignRight();
        table.column("Calls").alignRight();
        table.column("Loaded");
        table.column("Fault");
        ivrs.rows().forEach(r -> table.addRow().addContent(r.toArray()));
        table.print(System.out);
        System.out.println(ivrs.counters());
        return null;
    }
}
