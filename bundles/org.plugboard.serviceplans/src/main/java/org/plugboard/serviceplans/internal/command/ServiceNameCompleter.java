package org.plugboard.serviceplans.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.plugboard.serviceplans.internal.PlanConsole;

/** Completes the names of the installed call services (plugboard.service.name), and none. */
@Service
public class ServiceNameCompleter implements Completer {
    @Reference
    PlanConsole plans;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return Completers.offer(plans.serviceNames(), session, commandLine, candidates);
    }
}
