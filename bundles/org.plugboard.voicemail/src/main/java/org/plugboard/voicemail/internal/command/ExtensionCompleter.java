package org.plugboard.voicemail.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.plugboard.api.directory.Directory;
import org.plugboard.api.directory.Extension;

/** Completes extension numbers from the directory. */
@Service
public class ExtensionCompleter implements Completer {
    @Reference
    Directory directory;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        for (Extension e : directory.list()) {
            delegate.getStrings().add(e.number());
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
