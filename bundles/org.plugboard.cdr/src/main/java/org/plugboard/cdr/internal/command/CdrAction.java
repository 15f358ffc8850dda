package org.plugboard.cdr.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.plugboard.cdr.internal.CdrException;
import org.plugboard.cdr.internal.CdrStore;

/**
 * Common shape of the pbx:cdr-* commands: the store is optional so the commands exist (and explain themselves)
 * when the database sink is disabled; failures and bad option values print a message, never a stack trace.
 */
abstract class CdrAction implements Action {
    @Reference(optional = true)
    CdrStore store;

    @Override
    public final Object execute() throws Exception {
        if (store == null) {
            System.err.println("Error: the CDR database is not available: set db.enabled = true in etc/org.plugboard.cdr.cfg "
                    + "and check that the DataSource 'plugboard' is up (feature pbx-database). "
                    + "The CSV files are in data/plugboard/cdr unless csv.directory says otherwise.");
            return null;
        }
        try {
            run();
        } catch (IllegalArgumentException | CdrException e) {
            System.err.println("Error: " + e.getMessage());
        }
        return null;
    }

    abstract void run() throws Exception;
}
