package org.plugboard.trunks.internal.command;

import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.api.config.ConfigProblem;
import org.plugboard.trunks.internal.TrunkFailures;
import org.plugboard.trunks.internal.TrunkProblems;
import org.plugboard.trunks.internal.TrunkRegistry;
import org.plugboard.trunks.internal.TrunkSettings;
import org.plugboard.trunks.internal.TrunkStatus;

@Service
@Command(scope = "pbx", name = "trunk-list", description = "Lists the SIP trunks: peers, address, calls up per direction "
        + "against their limits, the interop workarounds active on each, and its last failed outbound call.")
public class TrunkListCommand implements Action {
    /** How the PBX words a TLS peer it refused (org.plugboard.sip's transport failure). */
    static final String UNTRUSTED = "TLS peer certificate not trusted";

    @Reference
    TrunkRegistry trunks;

    @Reference
    TrunkFailures failures;

    @Reference
    TrunkProblems problems;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Peers").maxSize(60).wrap();
        table.column("Address");
        table.column("Prefix");
        table.column("In now/max").alignRight();
        table.column("Out now/max").alignRight();
        table.column("Workarounds");
        table.column("Last failure").maxSize(70).wrap();
        int n = 0;
        boolean untrusted = false;
        for (TrunkStatus s : trunks.list()) {
            TrunkSettings c = s.settings();
            String peers = c.peers().stream().map(Object::toString).collect(Collectors.joining(","));
            String address = c.address() == null ? "" : c.addressText() + "/" + c.address().transport()
                    + (s.hop() == null ? " (unresolved)" : "");
            if (!s.unresolved().isEmpty()) {
                peers += " (unresolved: " + String.join(",", s.unresolved()) + ")";
            }
            String failed = failures.last(c.name()).map(f -> f.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " "
                    + f.reason()).orElse("");
            untrusted |= failed.contains(UNTRUSTED);
            table.addRow().addContent(c.name(), peers, address, c.prefix(), s.inbound() + "/" + limit(c.maxInbound()),
                    s.outbound() + "/" + limit(c.maxOutbound()), String.join(",", s.workarounds()), failed);
            n++;
        }
        for (ConfigProblem p : problems.problems()) { // configurations refused: shown with why, never silently missing
            table.addRow().addContent(p.name().isEmpty() ? p.pid() : p.name(), "NOT APPLIED: " + p.reason(), "", "", "", "", "", "");
            n++;
        }
        table.print(System.out);
        System.out.println(n + " trunk(s)" + (n == 0 ? "; add one with pbx:trunk-add" : "; max '-': unlimited"));
        if (untrusted) {
            System.out.println(UNTRUSTED + ": put the CA certificate of the trunk's peer in tls.ca.certificates of "
                    + "etc/org.plugboard.sip.cfg (pbx:sip-tls names the certificate refused last).");
        }
        if (!problems.problems().isEmpty()) {
            System.out.println("NOT APPLIED: the trunk's configuration is refused; fix it with pbx:trunk-add or in its etc/ file. "
                    + "pbx:config-check shows every such problem.");
        }
        return null;
    }

    private static String limit(int max) {
        return max == TrunkSettings.UNLIMITED ? "-" : Integer.toString(max);
    }
}
