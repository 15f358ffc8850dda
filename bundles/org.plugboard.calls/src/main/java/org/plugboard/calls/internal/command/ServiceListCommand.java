package org.plugboard.calls.internal.command;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.calls.internal.CallServiceStats;

@Command(scope = "pbx", name = "service-list", description = "Lists the call services, their detection points, order and counters")
@Service
public class ServiceListCommand implements Action {
    @Reference
    CallServiceStats stats;

    @Override
    public Object execute() {
        List<CallServiceStats.Row> rows = stats.services();
        if (rows.isEmpty()) {
            System.out.println("No call services installed (install one, e.g. the business-hours example; see docs/writing-a-plugin.md).");
            return null;
        }
        ShellTable t = new ShellTable();
        t.column("Service");
        t.column("Points");
        t.column("Ranking").alignRight();
        t.column("Asked").alignRight();
        t.column("Failed").alignRight();
        t.column("Too slow").alignRight();
        for (CallServiceStats.Row r : rows) {
            t.addRow().addContent(r.name(), r.points().stream().map(Enum::name).sorted().collect(Collectors.joining(",")), r.ranking(),
                    r.asked(), r.failed(), r.overran());
        }
        t.print(System.out);
        List<String> order = stats.configuredOrder();
        System.out.println(order.isEmpty() ? "Order: by ranking (services in org.plugboard.calls is empty), unless a service plan decides."
                : "Order: " + String.join(", ", order) + " (services in org.plugboard.calls), unless a service plan decides.");
        return null;
    }
}
