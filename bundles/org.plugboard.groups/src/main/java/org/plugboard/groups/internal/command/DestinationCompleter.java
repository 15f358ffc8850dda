package org.plugboard.groups.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.plugboard.api.directory.Directory;
import org.plugboard.api.directory.Extension;
import org.plugboard.groups.internal.Groups;
import org.plugboard.groups.internal.RingGroup;

/** Completes no-answer destinations: extensions, ring groups, and {@code none}. Outside numbers are typed. */
@Service
public class DestinationCompleter implements Completer {
    @Reference
    Directory directory;

    @Reference
    Groups groups;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        for (Extension e : directory.list()) {
            delegate.getStrings().add(e.number());
        }
        for (RingGroup g : groups.list()) {
            delegate.getStrings().add(g.number());
        }
        delegate.getStrings().add("none");
        return delegate.complete(session, commandLine, candidates);
    }
}
