package org.plugboard.directory.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.plugboard.api.directory.Directory;
import org.plugboard.api.directory.DirectoryException;
import org.plugboard.console.CommandFailure;

/**
 * Common shape of the pbx:ext-* commands: a directory failure is the command's failure, its message on the console
 * (CommandFailure: an Error line every client shows, exit status 1), not a stack trace.
 */
abstract class DirectoryAction implements Action {
    @Reference
    Directory directory;

    @Override
    public final Object execute() throws Exception {
        try {
            run();
        } catch (DirectoryException e) {
            throw CommandFailure.from(e);
        }
        return null;
    }

    abstract void run() throws Exception;
}
