package org.plugboard.serviceplans.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.plugboard.console.CommandFailure;
import org.plugboard.console.TrailingOptions;
import org.plugboard.serviceplans.internal.PlanConsole;
import org.plugboard.settingsdb.Transactions;

/**
 * Common shape of the plan commands: bad input and database failures are the command's failure with their message
 * (CommandFailure: an Error line every client shows, exit status 1), not a stack trace.
 */
abstract class PlanAction implements Action {
    @Reference
    PlanConsole plans;

    @Override
    public final Object execute() throws Exception {
        try {
            run();
        } catch (IllegalArgumentException | Transactions.StorageException e) {
            throw CommandFailure.from(e);
        }
        return null;
    }

    abstract void run();

    /**
     * The {@code --point} options among the words after the arguments (Karaf reads options only before them, so
     * {@code pbx:plan-set 1002 dnd --point ROUTED} hands {@code --point ROUTED} over as service names); the other words
     * are kept.
     */
    static TrailingOptions points() {
        return new TrailingOptions().repeatable("--point", "a detection point after it, e.g. --point ROUTED", "-p").keepOtherWords();
    }

    /**
     * What was done, notes and warnings, all to stdout: a warning is part of a command that worked, and stderr does
     * not reach a batch {@code bin/client}.
     */
    static void print(List<String> lines) {
        lines.forEach(System.out::println);
    }
}
