package org.plugboard.cdr.internal.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.console.CommandFailure;

@Service
@Command(scope = "pbx", name = "cdr-show", description = "Shows every field of one call detail record.")
public class CdrShowCommand extends CdrAction {
    @Argument(index = 0, name = "call", description = "the short call id (as pbx:cdr-list shows it) or the SIP Call-ID",
            required = true)
    @Completion(CallRefCompleter.class)
    String call;

    Clock clock = Clock.systemDefaultZone();

    @Override
    void run() throws Exception {
        List<CallDetailRecord> found = store.findById(call.trim());
        if (found.isEmpty()) {
            throw CommandFailure.of("no call record '" + call + "'. Give a call id from pbx:cdr-list or a SIP Call-ID.");
        }
        CallDetailRecord r = found.get(0);
        ZoneId zone = clock.getZone();
        line("Call", r.id());
        line("Call-ID", r.callId());
        line("Caller", r.caller());
        line("Callee", r.callee());
        if (r.forwarded()) {
            line("Final callee", r.finalCallee()); // forwarded, or a DID's extension
        }
        line("Answered by", r.answeredBy());
        line("Start", Args.localPrecise(r.start(), zone));
        line("Ringing", at(r.ringing(), r.start(), zone));
        line("Answer", at(r.answer(), r.start(), zone));
        line("End", at(r.end(), r.start(), zone));
        line("Billable", CdrListCommand.billable(r) + " s");
        line("Disposition", r.disposition());
        line("SIP status", r.sipStatus() == 0 ? "" : r.sipStatus());
        line("Q.850 cause", r.q850Cause() == 0 ? "" : r.q850Cause());
        line("Reason", r.reason());
        line("Tag", r.tag());
        if (r.linkedCall() != null) {
            line("Linked call", r.linkedCall() + (r.tag() == org.plugboard.api.calls.CallTag.TRANSFERRED
                    ? " (where the call went on after the transfer)" : " (the transferred part of this call)"));
        }
        for (String note : r.notes()) {
            line("Note", note);
        }
        for (String leg : r.legCallIds()) {
            line("Leg Call-ID", leg); // every leg's dialog: what to look for in a SIP capture
        }
        if (found.size() > 1) {
            System.out.println("(" + (found.size() - 1) + " older record(s) share this id; the newest is shown)");
        }
    }

    /** The time and how long after the start, e.g. {@code 2026-11-23 10:00:03.250 +01:00 (+3.250 s)}. */
    private static String at(Instant t, Instant start, ZoneId zone) {
        if (t == null) {
            return "";
        }
        String s = Args.localPrecise(t, zone);
        if (start != null) {
            Duration d = Duration.between(start, t);
            s += String.format(" (+%d.%03d s)", d.getSeconds(), d.toMillisPart());
        }
        return s;
    }

    private static void line(String name, Object value) {
        System.out.printf("%-12s %s%n", name, Args.text(value));
    }
}
