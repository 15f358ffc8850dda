package org.plugboard.subscriptions.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.plugboard.subscriptions.internal.SubscriptionList;

/** Completes the events of the installed packages. */
@Service
public class EventCompleter implements Completer {
    @Reference
    SubscriptionList subscriptions;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(subscriptions.events()).complete(session, commandLine, candidates);
    }
}
