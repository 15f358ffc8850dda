package org.plugboard.console.completers;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.plugboard.api.directory.Directory;
import org.plugboard.console.CommandFailure;

/**
 * The shape of a command about one extension's settings (DND, transfer permit, mailbox): it checks the extension
 * exists, and a refusal is the command's failure, one {@code Error:} line (see {@link CommandFailure}). Karaf injects
 * the {@link Directory} into this superclass's field as into the command's own.
 */
public abstract class ExtensionAction implements Action {
    @Reference
    protected Directory directory;

    @Override
    public final Object execute() throws Exception {
        run();
        return null;
    }

    /** The command's work; throw what {@link CommandFailure#of} returns to refuse. */
    protected abstract void run() throws CommandException, InterruptedException;

    /** Refuses an extension the directory does not know. */
    protected void checkExtension(String number) throws CommandException {
        if (directory.find(number).isEmpty()) {
            throw CommandFailure.of("no extension " + number + "; see pbx:ext-list for the extensions there are");
        }
    }
}
