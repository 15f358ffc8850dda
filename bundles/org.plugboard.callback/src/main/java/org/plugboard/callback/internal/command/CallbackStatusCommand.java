package org.plugboard.callback.internal.command;

import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.callback.internal.CallbackStatus;

@Command(scope = "pbx", name = "callback-status", description = "Shows the call-back listener (address, allowed senders, limits) and its counters")
@Service
public class CallbackStatusCommand implements Action {
    @Reference
    CallbackStatus callback;

    @Override
    public Object execute() {
        CallbackStatus.Status s = callback.status();
        System.out.println("Listening:  " + s.listening());
        System.out.println("Allowed:    " + (s.allowed().isEmpty() && s.invalid().isEmpty() ? "ANY address (allowedAddresses is empty)"
                : String.join(", ", s.allowed())) + (s.invalid().isEmpty() ? "" : "; not IP addresses (allow nothing): " + s.invalid()));
        System.out.println("Limits:     " + s.maxDatagramBytes() + " bytes a datagram, " + s.requestsPerSecond() + " requests/s per sender, "
                + s.maxLive() + " live calls, " + s.answerTimeout() + " s to answer");
        ShellTable t = new ShellTable();
        t.column("Counter");
        t.column("Value").alignRight();
        for (Map.Entry<String, Long> e : s.counters().entrySet()) {
            t.addRow().addContent(e.getKey(), e.getValue());
        }
        t.print(System.out);
        return null;
    }
}
