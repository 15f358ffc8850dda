package org.plugboard.lines.internal.command;

import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.plugboard.console.CommandFailure;
import org.plugboard.lines.internal.LineRegistry;
import org.plugboard.lines.internal.LineStatus;

@Service
@Command(scope = "pbx", name = "line-status", description = "Shows one external line in full (never its password).")
public class LineStatusCommand implements Action {
    @Reference
    LineRegistry lines;

    @Argument(index = 0, name = "name", required = true, description = "line name")
    @Completion(LineNameCompleter.class)
    String name;

    @Override
    public Object execute() throws Exception {
        Optional<LineStatus> found = lines.status(name);
        if (found.isEmpty()) {
            throw CommandFailure.of("no line named '" + name + "'; pbx:line-list shows the lines");
        }
        LineStatus s = found.get();
        var c = s.settings();
        row("name", c.name());
        row("profile", c.profile());
        row("domain", c.domain());
        row("proxy", c.proxy() == null ? "(none: sent to the domain)" : c.proxy());
        row("sent to", s.address() + " " + c.transport());
        row("account", c.account());
        row("auth id", c.authId());
        row("register", c.register() ? "yes, expires " + c.expires() + " s" : "no");
        row("state", s.state().name());
        row("last response", s.lastResponse());
        row("expires in", s.expiresInSeconds() < 0 ? "" : s.expiresInSeconds() + " s");
        row("next REGISTER in", s.nextAttemptSeconds() < 0 ? "" : s.nextAttemptSeconds() + " s");
        row("failures", Integer.toString(s.failures()));
        row("Call-ID / CSeq", s.callId() + " / " + s.cseq());
        row("workarounds", String.join(", ", lines.workarounds(c.name())));
        row("DIDs", c.dids().toString());
        row("prefix", c.prefix());
        row("caller id", c.callerId());
        return null;
    }

    private static void row(String label, String value) {
        System.out.printf("%-17s %s%n", label, value);
    }
}
