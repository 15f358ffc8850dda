package org.plugboard.serviceplans.internal.command;

import java.util.Collection;
import java.util.List;

import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Shared by the completers: offer these strings. */
final class Completers {
    private Completers() {
    }

    static int offer(Collection<String> strings, Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        delegate.getStrings().addAll(strings);
        return delegate.complete(session, commandLine, candidates);
    }
}
