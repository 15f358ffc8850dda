package org.plugboard.serviceplans.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.plugboard.serviceplans.internal.PlanConsole;

/** Completes detection points and ALL. */
@Service
public class PointCompleter implements Completer {
    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return Completers.offer(PlanConsole.pointNames(), session, commandLine, candidates);
    }
}
