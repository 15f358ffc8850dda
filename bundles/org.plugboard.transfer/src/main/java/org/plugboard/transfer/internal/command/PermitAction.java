package org.plugboard.transfer.internal.command;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.plugboard.api.directory.Directory;
import org.plugboard.transfer.internal.Permit;
import org.plugboard.transfer.internal.PermitRegistry;

/** Common shape of the commands that change a permit: the extension must exist, errors are one line, no trace. */
abstract class PermitAction implements Action {
    @Reference
    PermitRegistry permits;

    @Reference
    Directory directory;

    /** Thrown for bad input: the message names the problem and the fix. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    @Override
    public final Object execute() throws Exception {
        try {
            run();
        } catch (Refused e) {
            System.err.println("Error: " + e.getMessage());
        }
        return null;
    }

    abstract void run() throws Refused, InterruptedException;

    void checkExtension(String number) throws Refused {
        if (directory.find(number).isEmpty()) {
            throw new Refused("no extension " + number + "; see pbx:ext-list for the extensions there are");
        }
    }

    /** on -> true, off -> false, default -> null (follow the configured default). */
    static Boolean onOffDefault(String value, String example) throws Refused {
        if ("on".equalsIgnoreCase(value)) {
            return Boolean.TRUE;
        }
        if ("off".equalsIgnoreCase(value)) {
            return Boolean.FALSE;
        }
        if ("default".equalsIgnoreCase(value)) {
            return null;
        }
        throw new Refused("'" + value + "' is none of on, off, default, e.g. " + example);
    }

    /** Stores the change and waits for it (the console is no call strand). */
    Permit change(String number, UnaryOperator<Permit> how) throws Refused, InterruptedException {
        try {
            return permits.change(number, how).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new Refused((e.getCause() != null ? e.getCause() : e).getMessage() + "; nothing was changed");
        } catch (TimeoutException e) {
            throw new Refused("the database did not answer within 10 s; check pbx-database (the change may still be applied)");
        }
    }
}
