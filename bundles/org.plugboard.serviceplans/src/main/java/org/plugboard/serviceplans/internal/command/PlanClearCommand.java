package org.plugboard.serviceplans.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "pbx", name = "plan-clear", description = "Removes the plan of a scope (every list), or its list at one point.")
public class PlanClearCommand extends PlanAction {
    @Argument(index = 0, name = "scope", description = "an extension or other number, a service class, or *", required = true)
    @Completion(ScopeCompleter.class)
    String scope;

    @Option(name = "--point", aliases = "-p", description = "only the list at this point (repeatable); ALL is the all-points list",
            multiValued = true)
    @Completion(PointCompleter.class)
    List<String> points;

    @Override
    void run() {
        print(plans.clear(scope, points));
    }
}
