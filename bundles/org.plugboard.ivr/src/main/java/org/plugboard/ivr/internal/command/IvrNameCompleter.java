package org.plugboard.ivr.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.plugboard.ivr.internal.IvrConsole;

/** Completes the names of the IVRs in service. */
@Service
public class IvrNameCompleter implements Completer {
    @Reference
    IvrConsole ivrs;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        delegate.getStrings().addAll(ivrs.names());
        return delegate.complete(session, commandLine, candidates);
    }
}
