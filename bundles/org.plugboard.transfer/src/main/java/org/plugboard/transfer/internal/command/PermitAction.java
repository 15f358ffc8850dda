package org.plugboard.transfer.internal.command;

import java.util.function.UnaryOperator;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.plugboard.console.CommandFailure;
import org.plugboard.console.StoredChange;
import org.plugboard.console.completers.ExtensionAction;
import org.plugboard.transfer.internal.Permit;
import org.plugboard.transfer.internal.PermitRegistry;

/** Common shape of the commands that change a permit: the extension must exist, errors are one line, no trace. */
abstract class PermitAction extends ExtensionAction {
    @Reference
    PermitRegistry permits;

    /** on -> true, off -> false, default -> null (follow the configured default). */
    static Boolean onOffDefault(String value, String example) throws CommandException {
        if ("on".equalsIgnoreCase(value)) {
            return Boolean.TRUE;
        }
        if ("off".equalsIgnoreCase(value)) {
            return Boolean.FALSE;
        }
        if ("default".equalsIgnoreCase(value)) {
            return null;
        }
        throw CommandFailure.of("'" + value + "' is none of on, off, default, e.g. " + example);
    }

    /** Stores the change and waits for it (the console is no call strand). */
    Permit change(String number, UnaryOperator<Permit> how) throws CommandException, InterruptedException {
        return StoredChange.await(permits.change(number, how));
    }
}
