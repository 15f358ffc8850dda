package org.plugboard.serviceplans.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.plugboard.serviceplans.internal.PlanConsole;
import org.plugboard.settingsdb.Transactions;

/** Common shape of the plan commands: bad input and database failures print their message, not a stack trace. */
abstract class PlanAction implements Action {
    @Reference
    PlanConsole plans;

    @Override
    public final Object execute() {
        try {
            run();
        } catch (IllegalArgumentException | Transactions.StorageException e) {
            System.err.println("Error: " + e.getMessage());
        }
        return null;
    }

    abstract void run();

    /**
     * What was done, notes and warnings, all to stdout: a warning is part of a command that worked, and stderr does
     * not reach a batch {@code bin/client}.
     */
    static void print(List<String> lines) {
        lines.forEach(System.out::println);
    }
}
