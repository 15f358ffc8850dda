package org.plugboard.trunks.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.plugboard.trunks.internal.TrunkRegistry;
import org.plugboard.trunks.internal.TrunkStatus;

/** Completes the names of the configured trunks. */
@Service
public class TrunkNameCompleter implements Completer {
    @Reference(optional = true)
    TrunkRegistry trunks;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        if (trunks != null) {
            for (TrunkStatus s : trunks.list()) {
                delegate.getStrings().add(s.settings().name());
            }
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
