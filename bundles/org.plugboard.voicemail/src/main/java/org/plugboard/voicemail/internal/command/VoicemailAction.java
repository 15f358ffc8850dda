package org.plugboard.voicemail.internal.command;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.plugboard.api.directory.Directory;
import org.plugboard.console.CommandFailure;
import org.plugboard.voicemail.internal.MailboxRegistry;

/** Common shape of the voicemail commands: a refusal is one Error line naming the fix, exit status 1, no trace. */
abstract class VoicemailAction implements Action {
    @Reference
    MailboxRegistry voicemail;

    @Reference
    Directory directory;

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
            throw CommandFailure.of(e.getMessage(), e);
        }
        return null;
    }

    abstract void run() throws Refused, InterruptedException;

    void checkExtension(String number) throws Refused {
        if (directory.find(number).isEmpty()) {
            throw new Refused("no extension " + number + "; see pbx:ext-list for the extensions there are");
        }
    }

    /** Waits for a write (the console is no call strand). */
    static <T> T await(CompletionStage<T> stage) throws Refused, InterruptedException {
        try {
            return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            throw new Refused(c.getMessage() + "; nothing was changed");
        } catch (TimeoutException e) {
            throw new Refused("the database did not answer within 10 s; check pbx-database (the change may still be applied)");
        }
    }
}
