package org.plugboard.serviceplans.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.serviceplans.internal.PlanConsole;

@Service
@Command(scope = "pbx", name = "plan-list", description = "Lists the service plans (site, classes, numbers) and the service classes.")
public class PlanListCommand extends PlanAction {
    @Argument(index = 0, name = "scope", description = "only this scope: a number, a service class, or *", required = false)
    @Completion(ScopeCompleter.class)
    String scope;

    @Override
    void run() {
        PlanConsole.Listing l = plans.list(scope);
        if (!l.plans().isEmpty()) {
            ShellTable t = new ShellTable();
            t.column("Scope");
            t.column("Point");
            t.column("Services (in order)");
            t.column("Note");
            l.plans().forEach(r -> t.addRow().addContent(r.scope(), r.point(), r.services(), r.note()));
            t.print(System.out);
        }
        if (!l.classes().isEmpty()) {
            System.out.println("Service classes:");
            ShellTable t = new ShellTable();
            t.column("Class");
            t.column("Members");
            t.column("Plan");
            l.classes().forEach(r -> t.addRow().addContent(r.serviceClass(), r.members(), r.plan()));
            t.print(System.out);
        }
        l.notes().forEach(System.out::println);
    }
}
