package org.plugboard.calls.internal.command;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.LegInfo;

@Command(scope = "pbx", name = "call-list", description = "Lists live calls with their legs and states")
@Service
public class CallListCommand implements Action {
    @Reference
    CallControl calls;

    @Override
    public Object execute() {
        List<CallInfo> list = calls.calls();
        if (list.isEmpty()) {
            System.out.println("No live calls.");
            return null;
        }
        ShellTable t = new ShellTable();
        t.column("Call");
        t.column("Caller");
        t.column("Callee");
        t.column("State");
        t.column("Age");
        t.column("Leg");
        t.column("Leg state");
        t.column("Peer");
        t.column("Target");
        Instant now = Instant.now();
        for (CallInfo c : list) {
            boolean first = true;
            for (LegInfo l : c.legs()) {
                t.addRow().addContent(first ? c.id() : "", first ? c.caller() : "", first ? c.callee() : "", first ? c.state() : "",
                        first ? Duration.between(c.started(), now).toSeconds() + " s" : "", l.role(), l.state(), l.peer(), l.target());
                first = false;
            }
        }
        t.print(System.out);
        System.out.println(list.size() + " live call(s).");
        return null;
    }
}
