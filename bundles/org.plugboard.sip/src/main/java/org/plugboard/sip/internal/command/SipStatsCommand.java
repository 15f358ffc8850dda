package org.plugboard.sip.internal.command;

import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.sip.internal.SipDiagnostics;

@Service
@Command(scope = "pbx", name = "sip-stats", description = "Shows the SIP listening points and message counters, "
        + "including malformed messages dropped or answered 400, and the admission limits of new requests (overload 503).")
public class SipStatsCommand implements Action {
    @Reference
    SipDiagnostics sip;

    @Override
    public Object execute() {
        System.out.println("Listening: " + String.join(", ", sip.listeningPoints()));
        System.out.println("Admission: " + sip.admissionStatus());
        ShellTable table = new ShellTable();
        table.column("Counter");
        table.column("Value").alignRight();
        for (Map.Entry<String, Long> e : sip.counters().entrySet()) {
            table.addRow().addContent(e.getKey(), e.getValue());
        }
        table.print(System.out);
        return null;
    }
}
