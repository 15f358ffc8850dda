package org.plugboard.dnd.internal.command;

import java.util.function.UnaryOperator;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.plugboard.console.StoredChange;
import org.plugboard.console.completers.ExtensionAction;
import org.plugboard.dnd.internal.ExtensionSettings;
import org.plugboard.dnd.internal.SettingsRegistry;

/**
 * Common shape of the commands that change a setting: the extension must exist; a refusal is the command's failure,
 * one line (CommandFailure: an Error line every client shows, exit status 1), no trace.
 */
abstract class SettingsAction extends ExtensionAction {
    @Reference
    SettingsRegistry settings;

    /** Stores the change and waits for it (the console is no call strand). */
    ExtensionSettings change(String number, UnaryOperator<ExtensionSettings> how) throws CommandException, InterruptedException {
        return StoredChange.await(settings.change(number, how));
    }
}
