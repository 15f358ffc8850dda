package org.plugboard.serviceplans.internal.command;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.plugboard.serviceplans.internal.TrailingPoints;

@Service
@Command(scope = "pbx", name = "plan-set", description = "Sets which call services run, in which order, for an extension or "
        + "other number, a service class, or the site (*).")
public class PlanSetCommand extends PlanAction {
    @Argument(index = 0, name = "scope", description = "an extension or other number (1002, a ring group), a service class "
            + "(sales), or * for the site default", required = true)
    @Completion(ScopeCompleter.class)
    String scope;

    @Argument(index = 1, name = "services", description = "service names (plugboard.service.name) in the order they run; "
            + "'none' for a plan that runs no service", required = true, multiValued = true)
    @Completion(ServiceNameCompleter.class)
    List<String> services;

    @Option(name = "--point", aliases = "-p", description = "the detection point this list is for (repeatable); default ALL, "
            + "one list for every point (a point's own list wins over it)", multiValued = true)
    @Completion(PointCompleter.class)
    List<String> points;

    @Override
    void run() {
        TrailingPoints.Split split = TrailingPoints.of(services); // "--point X" after the names works too
        List<String> at = new ArrayList<>(points == null ? List.of() : points);
        at.addAll(split.points());
        print(plans.set(scope, split.rest(), at));
    }
}
