package org.plugboard.cdr.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.plugboard.cdr.internal.CdrException;
import org.plugboard.cdr.internal.CdrStore;
import org.plugboard.console.CommandFailure;

/**
 * Common shape of the pbx:cdr-* commands: the store is optional so the commands exist (and explain themselves)
 * when the database sink is disabled; failures and bad option values are the command's failure with a message
 * (CommandFailure: an Error line every client shows, exit status 1), never a stack trace.
 */
abstract class CdrAction implements Action {
    @Reference(optional = true)
    CdrStore store;

    @Override
    public final Object execute() throws Exception {
        if (store == null) {
            throw CommandFailure.of("the CDR database is not available: set db.enabled = true in etc/org.plugboard.cdr.cfg "
                    + "and check that the DataSource 'plugboard' is up (feature pbx-database). "
                    + "The CSV files are in data/plugboard/cdr unless csv.directory says otherwise.");
        }
        try {
            run();
        } catch (IllegalArgumentException | CdrException e) {
            throw CommandFailure.from(e);
        }
        return null;
    }

    abstract void run() throws Exception;
}
