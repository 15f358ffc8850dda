package org.plugboard.configcheck.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.api.config.ConfigProblem;
import org.plugboard.configcheck.internal.ConfigCheck;
import org.plugboard.console.CommandFailure;

@Service
@Command(scope = "pbx", name = "config-check", description = "Lists every configuration the PBX could not apply (lines, "
        + "trunks, SIP/TLS and any bundle that reports its own), with the property at fault and the fix. Fails (exit "
        + "status 1 in bin/client) when there is any.")
public class ConfigCheckCommand implements Action {
    @Reference
    ConfigCheck check;

    @Override
    public Object execute() throws Exception {
        List<ConfigProblem> problems = check.problems();
        String checked = "checked: " + (check.sources().isEmpty() ? "nothing (no bundle reports its configuration)"
                : String.join(", ", check.sources()));
        if (problems.isEmpty()) {
            System.out.println("No configuration problems (" + checked + ").");
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Source");
        table.column("Name");
        table.column("Field");
        table.column("Reason").maxSize(60).wrap();
        table.column("Fix").maxSize(40).wrap();
        table.column("PID");
        for (ConfigProblem p : problems) {
            table.addRow().addContent(p.source(), p.name(), p.field(), p.reason(), p.fix(), p.pid());
        }
        table.print(System.out);
        throw CommandFailure.of(problems.size() + " configuration(s) not applied (" + checked + "): fix them as shown above");
    }
}
