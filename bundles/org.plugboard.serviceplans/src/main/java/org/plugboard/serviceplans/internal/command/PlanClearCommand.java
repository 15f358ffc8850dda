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
@Command(scope = "pbx", name = "plan-clear", description = "Removes the plan of a scope (every list), or its list at one point.")
public class PlanClearCommand extends PlanAction {
    @Argument(index = 0, name = "scope", description = "an extension or other number, a service class, or *", required = true)
    @Completion(ScopeCompleter.class)
    String scope;

    @Option(name = "--point", aliases = "-p", description = "only the list at this point (repeatable); ALL is the all-points list",
            multiValued = true)
    @Completion(PointCompleter.class)
    List<String> points;

    /** Karaf reads options only before the arguments: "--point X" after the scope arrives here. */
    @Argument(index = 1, name = "--point <point>", description = "the --point option may also follow the scope",
            required = false, multiValued = true)
    @Completion(PointCompleter.class)
    List<String> trailing;

    @Override
    void run() {
        TrailingPoints.Split split = TrailingPoints.of(trailing);
        if (!split.rest().isEmpty()) {
            throw new IllegalArgumentException("unexpected " + split.rest() + ": pbx:plan-clear takes a scope and --point options");
        }
        List<String> at = new ArrayList<>(points == null ? List.of() : points);
        at.addAll(split.points());
        print(plans.clear(scope, at));
    }
}
