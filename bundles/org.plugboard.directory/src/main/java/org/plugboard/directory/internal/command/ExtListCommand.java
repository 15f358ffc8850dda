package org.plugboard.directory.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.api.directory.Extension;

@Service
@Command(scope = "pbx", name = "ext-list", description = "Lists extensions.")
public class ExtListCommand extends DirectoryAction {
    @Argument(index = 0, name = "prefix", description = "only numbers starting with this", required = false)
    String prefix;

    @Override
    void run() {
        ShellTable table = new ShellTable();
        table.column("Number");
        table.column("Name");
        table.column("Devices").alignRight();
        int shown = 0;
        for (Extension e : directory.list()) {
            if (prefix == null || e.number().startsWith(prefix)) {
                table.addRow().addContent(e.number(), e.displayName(), e.multiDevice() ? "up to " + e.maxDevices() : "1");
                shown++;
            }
        }
        table.print(System.out);
        System.out.println(shown + " extension(s)");
    }
}
