package org.plugboard.forwarding.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.forwarding.internal.ForwardingService;
import org.plugboard.forwarding.internal.Kind;
import org.plugboard.forwarding.internal.Settings;
import org.plugboard.forwarding.internal.Targets;
import org.plugboard.console.completers.ExtensionCompleter;

@Service
@Command(scope = "pbx", name = "fwd-list", description = "Lists call forwarding: every extension with something set, or "
        + "one extension. A target marked '(not applied)' is an outside number the extension may not use.")
public class FwdListCommand extends ForwardingAction {
    @Argument(index = 0, name = "extension", required = false)
    @Completion(ExtensionCompleter.class)
    String extension;

    @Reference(optional = true)
    ForwardingService service;

    @Override
    void run() {
        List<Settings> rows = extension == null ? forwardings.list() : List.of(forwardings.get(extension));
        Targets targets = targets();
        ShellTable table = new ShellTable();
        table.column("Extension");
        for (Kind k : Kind.values()) {
            table.column(k.key() + " (" + k.description() + ")");
        }
        table.column("Outside numbers");
        for (Settings s : rows) {
            List<Object> row = new java.util.ArrayList<>();
            row.add(s.extension());
            for (Kind k : Kind.values()) {
                row.add(cell(s, k, targets));
            }
            row.add(s.external() ? "allowed" : "no");
            table.addRow().addContent(row);
        }
        table.print(System.out);
        if (extension == null) {
            System.out.println(rows.size() + " extension(s) with forwarding settings"
                    + (rows.isEmpty() ? "; set one with pbx:fwd-set <ext> cfu <target>" : ""));
        }
    }

    private String cell(Settings s, Kind k, Targets targets) {
        String t = s.target(k);
        if (t == null) {
            return "-";
        }
        String text = t;
        if (k == Kind.CFNR) {
            text += s.noAnswerSeconds() != null ? " after " + s.noAnswerSeconds() + " s"
                    : service != null ? " after " + service.defaultNoAnswerSeconds() + " s (default)" : " (default time)";
        }
        Targets.Problem p = targets.check(s, t);
        return p == null ? text : text + " (not applied: " + (p == Targets.Problem.NOT_PERMITTED ? "outside, not permitted"
                : p == Targets.Problem.SELF ? "itself" : "not a number") + ")";
    }
}
