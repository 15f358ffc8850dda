package org.plugboard.serviceplans.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.serviceplans.internal.PlanConsole;

@Service
@Command(scope = "pbx", name = "plan-show", description = "Shows, for an extension or number, the call services that run at each "
        + "detection point, in order, and where that order comes from.")
public class PlanShowCommand extends PlanAction {
    @Argument(index = 0, name = "extension", description = "an extension or other number (a ring group, an outside number)", required = true)
    @Completion(ExtensionCompleter.class)
    String number;

    @Override
    void run() {
        PlanConsole.Shown s = plans.show(number);
        System.out.println(s.header());
        ShellTable t = new ShellTable();
        t.column("Point");
        t.column("Runs (in order)");
        t.column("From");
        t.column("Skipped");
        s.rows().forEach(r -> t.addRow().addContent(r.point(), r.runs(), r.from(), r.skipped()));
        t.print(System.out);
        s.notes().forEach(System.out::println);
    }
}
