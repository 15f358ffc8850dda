package org.plugboard.groups.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.plugboard.groups.internal.Groups;
import org.plugboard.groups.internal.RingGroup;

/** Completes the numbers of the ring groups. */
@Service
public class GroupNumberCompleter implements Completer {
    @Reference
    Groups groups;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        for (RingGroup g : groups.list()) {
            delegate.getStrings().add(g.number());
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
