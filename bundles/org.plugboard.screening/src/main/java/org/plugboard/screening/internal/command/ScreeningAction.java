package org.plugboard.screening.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.plugboard.screening.internal.ScreeningLists;
import org.plugboard.settingsdb.Transactions;

/** Common shape of the pbx:screen-* commands: bad input and database failures print their message, not a stack trace. */
abstract class ScreeningAction implements Action {
    @Reference
    ScreeningLists lists;

    @Override
    public final Object execute() throws Exception {
        try {
            run();
        } catch (IllegalArgumentException | Transactions.StorageException e) {
            System.err.println("Error: " + e.getMessage());
        }
        return null;
    }

    abstract void run() throws Exception;
}
