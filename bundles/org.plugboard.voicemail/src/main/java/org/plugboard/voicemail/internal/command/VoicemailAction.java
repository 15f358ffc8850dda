package org.plugboard.voicemail.internal.command;

import java.util.concurrent.CompletionStage;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.plugboard.api.directory.Directory;
import org.plugboard.console.CommandFailure;
import org.plugboard.console.StoredChange;
import org.plugboard.voicemail.internal.MailboxRegistry;

/** Common shape of the voicemail commands: a refusal is one Error line naming the fix, exit status 1, no trace. */
abstract class VoicemailAction implements Action {
    @Reference
    MailboxRegistry voicemail;

    @Reference
    Directory directory;

    @Override
    public final Object execute() throws Exception {
        run();
        return null;
    }

    abstract void run() throws CommandException, InterruptedException;

    void checkExtension(String number) throws CommandException {
        if (directory.find(number).isEmpty()) {
            throw CommandFailure.of("no extension " + number + "; see pbx:ext-list for the extensions there are");
        }
    }

    /** Waits for a write (the console is no call strand). */
    static <T> T await(CompletionStage<T> stage) throws CommandException, InterruptedException {
        return StoredChange.await(stage);
    }
}
