package org.plugboard.groups.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.plugboard.groups.internal.Groups;
import org.plugboard.settingsdb.Transactions;

/** Common shape of the pbx:group-* commands: bad input and database failures print their message, not a stack trace. */
abstract class GroupsAction implements Action {
    @Reference
    Groups groups;

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
