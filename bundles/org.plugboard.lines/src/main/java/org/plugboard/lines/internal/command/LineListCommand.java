package org.plugboard.lines.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.api.config.ConfigProblem;
import org.plugboard.lines.internal.LineProblems;
import org.plugboard.lines.internal.LineRegistry;
import org.plugboard.lines.internal.LineStatus;

@Service
@Command(scope = "pbx", name = "line-list", description = "Lists the external lines with their registration state "
        + "and the interop workarounds active on each.")
public class LineListCommand implements Action {
    @Reference
    LineRegistry lines;

    /** How the PBX words a TLS peer it refused (org.plugboard.sip's transport failure). */
    static final String UNTRUSTED = "TLS peer certificate not trusted";

    @Reference
    LineProblems problems;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Domain");
        table.column("Proxy");
        table.column("State");
        table.column("Last response").maxSize(60).wrap();
        table.column("Expires in").alignRight();
        table.column("Workarounds");
        int n = 0;
        boolean untrusted = false;
        for (LineStatus s : lines.list()) {
            untrusted |= String.valueOf(s.lastResponse()).contains(UNTRUSTED);
            table.addRow().addContent(s.settings().name(), s.settings().domain(),
                    s.settings().proxy() == null ? "" : s.settings().proxy(), s.state(), s.lastResponse(),
                    s.expiresInSeconds() < 0 ? "" : s.expiresInSeconds() + " s",
                    String.join(",", lines.workarounds(s.settings().name())));
            n++;
        }
        for (ConfigProblem p : problems.problems()) { // configurations refused: shown with why, never silently missing
            table.addRow().addContent(p.name().isEmpty() ? p.pid() : p.name(), "", "", "NOT APPLIED", p.reason(), "", "");
            n++;
        }
        table.print(System.out);
        System.out.println(n + " line(s)" + (n == 0 ? "; add one with pbx:line-add" : ""));
        if (untrusted) {
            System.out.println(UNTRUSTED + ": put the CA certificate of the line's provider in tls.ca.certificates of "
                    + "etc/org.plugboard.sip.cfg (pbx:sip-tls names the certificate refused last).");
        }
        if (!problems.problems().isEmpty()) {
            System.out.println("NOT APPLIED: the line's configuration is refused (the reason in 'Last response'); fix it with "
                    + "pbx:line-add or in its etc/ file. pbx:config-check shows every such problem.");
        }
        return null;
    }
}
