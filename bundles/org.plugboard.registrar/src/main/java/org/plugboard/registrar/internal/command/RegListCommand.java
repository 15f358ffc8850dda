package org.plugboard.registrar.internal.command;

import java.time.Instant;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.api.location.Binding;
import org.plugboard.api.location.LocationService;

@Service
@Command(scope = "pbx", name = "reg-list", description = "Lists registered contacts (live bindings).")
public class RegListCommand implements Action {
    @Reference
    LocationService location;

    @Argument(index = 0, name = "extension", description = "only this extension", required = false)
    String extension;

    @Override
    public Object execute() {
        List<Binding> list = extension == null ? location.all() : location.lookup(extension);
        Instant now = Instant.now();
        ShellTable table = new ShellTable();
        table.column("Extension");
        table.column("Contact");
        table.column("Source");
        table.column("Transport");
        table.column("Expires").alignRight();
        table.column("User-Agent");
        for (Binding b : list) {
            table.addRow().addContent(b.extension(), b.contact(), b.source(), b.transport(), b.secondsLeft(now) + " s",
                    b.userAgent());
        }
        table.print(System.out);
        System.out.println(list.size() + " registration(s)");
        return null;
    }
}
