package org.plugboard.serviceplans.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.plugboard.serviceplans.internal.PlanConsole;

/** Completes extension numbers from the directory. */
@Service
public class ExtensionCompleter implements Completer {
    @Reference
    PlanConsole plans;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return Completers.offer(plans.extensions(), session, commandLine, candidates);
    }
}
