package org.plugboard.voicemail.email.internal.command;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.plugboard.console.completers.ExtensionAction;
import org.plugboard.voicemail.email.internal.AddressBook;

/** Common shape of the voicemail email commands: a refusal is one Error line naming the fix, exit status 1. */
abstract class EmailAction extends ExtensionAction {
    @Reference
    AddressBook addresses;
}
