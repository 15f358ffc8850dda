package org.plugboard.registrar.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.plugboard.api.security.AuthFailureGuard;
import org.plugboard.console.CommandFailure;

@Service
@Command(scope = "pbx", name = "ban-lift", description = "Lifts the ban of a source address (or all bans with --all).")
public class BanLiftCommand implements Action {
    @Reference
    AuthFailureGuard guard;

    @Argument(index = 0, name = "address", description = "banned IP address, as pbx:ban-list shows it", required = false)
    String address;

    @Option(name = "--all", description = "lift every ban")
    boolean all;

    @Override
    public Object execute() throws Exception {
        if (all) {
            System.out.println("Lifted " + guard.liftAll() + " ban(s)");
        } else if (address == null) {
            throw CommandFailure.of("give an address (see pbx:ban-list) or --all");
        } else if (guard.lift(address)) {
            System.out.println("Lifted the ban of " + address);
        } else {
            throw CommandFailure.of(address + " is not banned. pbx:ban-list shows the banned addresses.");
        }
        return null;
    }
}
