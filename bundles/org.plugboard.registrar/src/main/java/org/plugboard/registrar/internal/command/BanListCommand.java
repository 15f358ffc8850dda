package org.plugboard.registrar.internal.command;

import java.time.Instant;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.api.security.AuthFailureGuard;
import org.plugboard.api.security.Ban;

@Service
@Command(scope = "pbx", name = "ban-list", description = "Lists source addresses banned after repeated failed authentication.")
public class BanListCommand implements Action {
    @Reference
    AuthFailureGuard guard;

    @Override
    public Object execute() {
        List<Ban> bans = guard.bans();
        Instant now = Instant.now();
        ShellTable table = new ShellTable();
        table.column("Address");
        table.column("Failures").alignRight();
        table.column("Since");
        table.column("Remaining").alignRight();
        for (Ban b : bans) {
            table.addRow().addContent(b.address(), b.failures(), b.since(), Math.max(0, b.until().getEpochSecond() - now.getEpochSecond()) + " s");
        }
        table.print(System.out);
        System.out.println(bans.size() + " ban(s)");
        return null;
    }
}
