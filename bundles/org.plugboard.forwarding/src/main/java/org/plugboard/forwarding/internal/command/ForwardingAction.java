package org.plugboard.forwarding.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.plugboard.api.directory.Directory;
import org.plugboard.forwarding.internal.Forwardings;
import org.plugboard.forwarding.internal.Targets;
import org.plugboard.settingsdb.Transactions;

/** Common shape of the pbx:fwd-* commands: a database failure prints what failed, not a stack trace. */
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
            System.err.println("Error: " + e.getMessage() + "; the settings were not changed (is the database up? "
                    + "see data/log/karaf.log)");
        }
        return null;
    }

    abstract void run();

    Targets targets() {
        return new Targets(numbers::isInternal);
    }

    /** False (after saying so) when the number is no extension. */
    boolean isExtension(String number) {
        if (directory.find(number).isPresent()) {
            return true;
        }
        System.err.println("Error: " + number + " is not an extension; pbx:ext-list shows them, pbx:ext-add adds one.");
        return false;
    }
}
