package org.plugboard.subscriptions.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.plugboard.subscriptions.internal.SubscriptionList;
import org.plugboard.subscriptions.internal.SubscriptionView;

/** Completes the extensions that subscribe or are watched now. */
@Service
public class SubscriptionCompleter implements Completer {
    @Reference
    SubscriptionList subscriptions;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        for (SubscriptionView v : subscriptions.subscriptions()) {
            delegate.getStrings().add(v.subscriber());
            delegate.getStrings().add(v.resource());
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
