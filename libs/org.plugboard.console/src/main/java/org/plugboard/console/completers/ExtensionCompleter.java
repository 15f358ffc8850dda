package org.plugboard.console.completers;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.plugboard.api.directory.Directory;
import org.plugboard.api.directory.Extension;

/**
 * Completes extension numbers from the directory. A bundle whose commands use it lists {@code org.plugboard.console.completers}
 * in its {@code Karaf-Commands} and {@code -conditionalpackage} headers, so that Karaf registers this completer for them.
 */
@Service
public class ExtensionCompleter implements Completer {
    @Reference(optional = true)
    Directory directory;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        if (directory != null) { // the directory bundle is being updated: complete nothing rather than fail
            for (Extension e : directory.list()) {
                delegate.getStrings().add(e.number());
            }
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
