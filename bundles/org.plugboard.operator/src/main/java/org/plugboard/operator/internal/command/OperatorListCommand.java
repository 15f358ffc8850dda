package org.plugboard.operator.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.operator.internal.Permissions;

@Service
@Command(scope = "pbx", name = "operator-list", description = "Lists the extensions with the operator permission.")
public class OperatorListCommand implements Action {
    @Reference
    Permissions permissions;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Extension");
        List<String> all = permissions.all();
        all.forEach(e -> table.addRow().addContent(e));
        table.print(System.out);
        System.out.println(all.size() + " extension(s) with the operator permission");
        return null;
    }
}
