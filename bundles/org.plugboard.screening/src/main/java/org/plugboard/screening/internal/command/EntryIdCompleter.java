package org.plugboard.screening.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.plugboard.screening.internal.Entry;
import org.plugboard.screening.internal.ScreeningLists;

/** Completes the ids of the screening entries. */
@Service
public class EntryIdCompleter implements Completer {
    @Reference(optional = true)
    ScreeningLists lists;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        if (lists != null) {
            for (Entry e : lists.entries(null)) {
                delegate.getStrings().add(Long.toString(e.id()));
            }
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
