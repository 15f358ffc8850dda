package org.plugboard.cdr.internal.command;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.cdr.internal.CdrQuery;

@Service
@Command(scope = "pbx", name = "cdr-list", description = "Lists call detail records from the database, newest first. "
        + "Times are local to the PBX.")
public class CdrListCommand extends CdrAction {
    @Option(name = "--caller", description = "calling extension or number; * is a wildcard, e.g. 10*")
    String caller;

    @Option(name = "--callee", description = "dialled number; * is a wildcard")
    String callee;

    @Option(name = "--disposition", description = "ANSWERED, NO_ANSWER, BUSY, CANCELLED or FAILED")
    @Completion(value = StringsCompleter.class, values = {"ANSWERED", "NO_ANSWER", "BUSY", "CANCELLED", "FAILED"})
    String disposition;

    @Option(name = "--tag", description = "who released the call, e.g. CALLER_BYE, CALLEE_BYE, RING_TIMEOUT")
    @Completion(value = StringsCompleter.class, values = {"CALLER_BYE", "CALLEE_BYE", "CALLER_CANCEL", "RING_TIMEOUT",
        "ROUTING_FAILURE", "CALLEE_UNREACHABLE", "CALLEE_REJECTED", "CALLEE_TIMEOUT", "BAD_REQUEST", "ADMIN_HANGUP",
        "MAX_DURATION", "SESSION_EXPIRED", "NO_ACK", "DEAD_LEG", "MEDIA_TIMEOUT", "SYSTEM"})
    String tag;

    @Option(name = "--since", description = "calls started at or after: 2026-11-23T10:00, 2026-11-23, 10:00, 2h (ago)")
    String since;

    @Option(name = "--until", description = "calls started before, same forms as --since")
    String until;

    @Option(name = "--limit", description = "how many records, 1 to 10000 (default 20)")
    String limit;

    Clock clock = Clock.systemDefaultZone();

    @Override
    void run() {
        CdrQuery query = new CdrQuery(blankToNull(caller), blankToNull(callee),
                Args.constant(Disposition.class, "disposition", disposition), Args.constant(CallTag.class, "tag", tag),
                Args.time("--since", since, clock), Args.time("--until", until, clock), limit());
        List<CallDetailRecord> records = store.find(query);
        ZoneId zone = clock.getZone();
        ShellTable table = new ShellTable();
        table.column("Start");
        table.column("Call");
        table.column("Caller");
        table.column("Callee");
        table.column("Answer");
        table.column("Billable").alignRight();
        table.column("Disposition");
        table.column("Status").alignRight();
        table.column("Q.850").alignRight();
        table.column("Reason").maxSize(32);
        table.column("Tag");
        for (CallDetailRecord r : records) {
            table.addRow().addContent(Args.local(r.start(), zone), Args.text(r.id()), Args.text(r.caller()),
                    Args.text(r.callee()), r.answer() == null ? "" : Args.local(r.answer(), zone).substring(11),
                    r.answer() == null ? "" : billable(r) + " s", Args.text(r.disposition()),
                    r.sipStatus() == 0 ? "" : String.valueOf(r.sipStatus()),
                    r.q850Cause() == 0 ? "" : String.valueOf(r.q850Cause()), Args.text(r.reason()), Args.text(r.tag()));
        }
        table.print(System.out);
        System.out.println(records.size() + " record(s)" + (records.size() == query.limit() ? "; more with --limit" : ""));
    }

    private int limit() {
        if (limit == null) {
            return CdrQuery.DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(limit.trim());
            if (n >= 1 && n <= CdrQuery.MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("'" + limit + "' is not a valid limit: give a number from 1 to " + CdrQuery.MAX_LIMIT);
    }

    static long billable(CallDetailRecord r) {
        return r.end() == null ? 0 : r.billableSeconds();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
