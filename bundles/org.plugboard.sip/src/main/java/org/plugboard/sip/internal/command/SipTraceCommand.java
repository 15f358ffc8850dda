package org.plugboard.sip.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.plugboard.console.CommandFailure;
import org.plugboard.sip.internal.SipDiagnostics;

@Service
@Command(scope = "pbx", name = "sip-trace", description = "Switches the SIP message trace on or off (live, until restart). "
        + "Messages go to the log category org.plugboard.sip.trace: watch them with log:tail.")
public class SipTraceCommand implements Action {
    @Reference
    SipDiagnostics sip;

    @Argument(index = 0, name = "state", description = "on or off; without it, shows the current state", required = false)
    @Completion(value = StringsCompleter.class, values = {"on", "off"})
    String state;

    @Override
    public Object execute() throws Exception {
        if (state == null) {
            System.out.println("SIP trace is " + (sip.traceOn() ? "on" : "off"));
            return null;
        }
        switch (state.toLowerCase()) {
            case "on" -> sip.setTrace(true);
            case "off" -> sip.setTrace(false);
            default -> throw CommandFailure.of("unknown state '" + state + "': use pbx:sip-trace on or pbx:sip-trace off");
        }
        System.out.println("SIP trace is " + (sip.traceOn() ? "on" : "off")
                + (sip.traceOn() ? " (log:tail to watch; set trace=true in etc/org.plugboard.sip.cfg to keep it on)" : ""));
        return null;
    }
}
