package org.plugboard.voicemail.internal.command;

import java.util.concurrent.CompletionStage;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.plugboard.console.StoredChange;
import org.plugboard.console.completers.ExtensionAction;
import org.plugboard.voicemail.internal.MailboxRegistry;

/** Common shape of the voicemail commands: a refusal is one Error line naming the fix, exit status 1, no trace. */
abstract class VoicemailAction extends ExtensionAction {
    @Reference
    MailboxRegistry voicemail;

    /** Waits for a write (the console is no call strand). */
    static <T> T await(CompletionStage<T> stage) throws CommandException, InterruptedException {
        return StoredChange.await(stage);
    }
}
