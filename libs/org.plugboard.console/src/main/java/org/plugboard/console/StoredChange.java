package org.plugboard.console;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.karaf.shell.support.CommandException;

/**
 * A setting a command changes: the bundle stores it on its own thread (the database first, then memory) and the
 * command waits for that here, since the console is no call strand. A failure is the command's failure.
 */
public final class StoredChange {
    /** How long a command waits for the database. */
    public static final int WAIT_SECONDS = 10;

    private StoredChange() {
    }

    /** @return what the change stored */
    public static <T> T await(CompletionStage<T> change) throws CommandException, InterruptedException {
        try {
            return change.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw CommandFailure.of(cause.getMessage() + "; nothing was changed", cause);
        } catch (TimeoutException e) {
            throw CommandFailure.of("the database did not answer within " + WAIT_SECONDS
                    + " s; check pbx-database (the change may still be applied)", e);
        }
    }

    /** {@code on} or {@code off}, any case; anything else fails naming the value and an example. */
    public static boolean onOff(String value, String example) throws CommandException {
        if ("on".equalsIgnoreCase(value)) {
            return true;
        }
        if ("off".equalsIgnoreCase(value)) {
            return false;
        }
        throw CommandFailure.of("'" + value + "' is neither on nor off, e.g. " + example);
    }
}
