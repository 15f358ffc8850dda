package org.plugboard.forwarding.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.plugboard.api.directory.Directory;
import org.plugboard.console.CommandFailure;
import org.plugboard.forwarding.internal.Forwardings;
import org.plugboard.forwarding.internal.Targets;
import org.plugboard.settingsdb.Transactions;

/**
 * Common shape of the pbx:fwd-* commands: bad input and a database failure are the command's failure with a message
 * (CommandFailure: an Error line every client shows, exit status 1), not a stack trace.
 */
abstract class ForwardingAction implements Action {
    @Reference
    Forwardings forwardings;

    @Reference
    Directory directory;

    @Reference
    org.plugboard.forwarding.internal.InternalNumbers numbers;

    @Override
    public final Object execute() throws Exception {
        try {
            run();
        } catch (Transactions.StorageException e) {
            throw CommandFailure.of(e.getMessage() + "; the settings were not changed (is the database up? "
                    + "see data/log/karaf.log)", e);
        }
        return null;
    }

    abstract void run() throws Exception;

    Targets targets() {
        return new Targets(numbers::isInternal);
    }

    /** Fails the command when the number is no extension. */
    void checkExtension(String number) throws Exception {
        if (directory.find(number).isEmpty()) {
            throw CommandFailure.of(number + " is not an extension; pbx:ext-list shows them, pbx:ext-add adds one.");
        }
    }
}
