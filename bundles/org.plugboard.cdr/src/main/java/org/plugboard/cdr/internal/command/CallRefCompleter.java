package org.plugboard.cdr.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.cdr.internal.CdrException;
import org.plugboard.cdr.internal.CdrQuery;
import org.plugboard.cdr.internal.CdrStore;

/** Completes the short ids of the 50 newest calls. */
@Service
public class CallRefCompleter implements Completer {
    @Reference(optional = true)
    CdrStore store;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        if (store != null) {
            try {
                for (CallDetailRecord r : store.find(CdrQuery.newest(50))) {
                    if (r.id() != null) {
                        delegate.getStrings().add(r.id());
                    }
                }
            } catch (CdrException e) {
                // no completion while the database is unreachable; the command itself reports the error
            }
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
