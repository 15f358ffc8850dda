package org.plugboard.forwarding.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.plugboard.forwarding.internal.Kind;

/** Completes the kinds of forwarding: cfu, cfb, cfnr, cfnrc. */
@Service
public class KindCompleter implements Completer {
    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        for (Kind k : Kind.values()) {
            delegate.getStrings().add(k.key());
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
