package org.plugboard.calls.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallTag;
import org.plugboard.console.CommandFailure;

@Command(scope = "pbx", name = "call-hangup", description = "Hangs up a live call on every leg (BYE or CANCEL)")
@Service
public class CallHangupCommand implements Action {
    @Reference
    CallControl calls;

    @Argument(index = 0, name = "call", description = "Call id as pbx:call-list shows it", required = true)
    String id;

    @Override
    public Object execute() throws CommandException {
        if (!calls.hangup(id, CallTag.ADMIN_HANGUP)) {
            throw CommandFailure.of("No live call '" + id + "'. See pbx:call-list for the ids of live calls.");
        }
        System.out.println("Call " + id + " is being released.");
        return null;
    }
}
