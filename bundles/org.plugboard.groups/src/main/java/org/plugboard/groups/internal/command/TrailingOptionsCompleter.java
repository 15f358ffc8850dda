package org.plugboard.groups.internal.command;

import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.plugboard.api.directory.Directory;
import org.plugboard.groups.internal.Groups;

/**
 * Completes the options of pbx:group-add typed after its arguments: their names, and after {@code --no-answer} the
 * destinations (extensions, groups, {@code none}).
 */
@Service
public class TrailingOptionsCompleter implements Completer {
    static final Set<String> OPTIONS = new java.util.LinkedHashSet<>(List.of("--ring", "--member-ring", "--no-answer"));

    @Reference
    Directory directory;

    @Reference
    Groups groups;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        String[] words = commandLine.getArguments();
        int at = commandLine.getCursorArgumentIndex();
        String previous = at > 0 && at - 1 < words.length ? words[at - 1] : "";
        if ("--no-answer".equals(previous)) {
            DestinationCompleter d = new DestinationCompleter();
            d.directory = directory;
            d.groups = groups;
            return d.complete(session, commandLine, candidates);
        }
        if (OPTIONS.contains(previous)) {
            return -1; // a number of seconds: nothing to offer
        }
        return new StringsCompleter(OPTIONS).complete(session, commandLine, candidates);
    }
}
