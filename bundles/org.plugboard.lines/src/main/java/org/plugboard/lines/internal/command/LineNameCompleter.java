package org.plugboard.lines.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.plugboard.lines.internal.LineRegistry;
import org.plugboard.lines.internal.LineStatus;

/** Completes the names of the configured lines. */
@Service
public class LineNameCompleter implements Completer {
    @Reference(optional = true)
    LineRegistry lines;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        if (lines != null) {
            for (LineStatus s : lines.list()) {
                delegate.getStrings().add(s.settings().name());
            }
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
