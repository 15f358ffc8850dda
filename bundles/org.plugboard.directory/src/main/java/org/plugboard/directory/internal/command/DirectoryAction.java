package org.plugboard.directory.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.plugboard.api.directory.Directory;
import org.plugboard.api.directory.DirectoryException;

/** Common shape of the pbx:ext-* commands: a directory failure prints its message, not a stack trace. */
abstract class DirectoryAction implements Action {
    @Reference
    Directory directory;

    @Override
    public final Object execute() throws Exception {
        try {
            run();
        } catch (DirectoryException e) {
            System.err.println("Error: " + e.getMessage());
        }
        return null;
    }

    abstract void run() throws Exception;
}
