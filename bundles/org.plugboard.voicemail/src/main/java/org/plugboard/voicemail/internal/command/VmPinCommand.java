package org.plugboard.voicemail.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.plugboard.console.completers.ExtensionCompleter;
import org.plugboard.console.CommandFailure;
import org.apache.karaf.shell.support.CommandException;

@Service
@Command(scope = "pbx", name = "vm-pin", description = "Sets the voicemail PIN of an extension's mailbox (stored hashed). "
        + "The owner logs in with it at the voicemail number and can change it from the phone.")
public class VmPinCommand extends VoicemailAction {
    @Argument(index = 0, name = "extension", required = true)
    @Completion(ExtensionCompleter.class)
    String number;

    @Argument(index = 1, name = "pin", required = true, description = "digits 0-9 (masked in the history)", censor = true, mask = '*')
    String pin;

    @Override
    protected void run() throws CommandException, InterruptedException {
        checkExtension(number);
        String problem = voicemail.pinProblem(pin);
        if (problem != null) {
            throw CommandFailure.of("PIN refused: " + problem + ", e.g. pbx:vm-pin " + number + " 4711");
        }
        await(voicemail.setPin(number, pin));
        System.out.println("Voicemail PIN of " + number + " set");
    }
}
