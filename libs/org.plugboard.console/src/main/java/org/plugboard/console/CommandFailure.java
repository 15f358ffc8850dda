package org.plugboard.console;

import org.apache.karaf.shell.support.CommandException;

/**
 * How a {@code pbx:*} command says it did not do what was asked: it throws what {@link #of} returns instead of
 * printing to {@code System.err}. Karaf then prints {@code Error: <problem and fix>} on the session's console, which
 * every client shows (a batch or exec {@code bin/client} drops stderr), the command fails ({@code bin/client} and
 * {@code ssh ... 'command'} exit with status 1, a script stops there), and the log gets it at DEBUG without a stack
 * trace, as for Karaf's own usage errors (ShellUtil treats a {@code CommandException} so; a subclass would be logged
 * as an ERROR with its trace, which is why this is a factory and not an exception type of our own).
 */
public final class CommandFailure {
    /** What the line the admin sees starts with; scripts and tests look for it. */
    public static final String PREFIX = "Error: ";

    private CommandFailure() {
    }

    /** @param problemAndFix what is wrong and what to do, e.g. {@code no extension 1099; pbx:ext-list shows them} */
    public static CommandException of(String problemAndFix) {
        return new CommandException(PREFIX + problemAndFix, problemAndFix);
    }

    /** As {@link #of(String)}, keeping the cause for the DEBUG log. */
    public static CommandException of(String problemAndFix, Throwable cause) {
        return new CommandException(PREFIX + problemAndFix, problemAndFix, cause);
    }

    /** The failure for an exception whose message already names the problem and the fix (bad input, storage). */
    public static CommandException from(Exception e) {
        return of(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName(), e);
    }
}
