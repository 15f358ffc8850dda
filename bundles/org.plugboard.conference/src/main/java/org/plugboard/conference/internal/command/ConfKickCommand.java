package org.plugboard.conference.internal.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "pbx", name = "conf-kick", description = "Removes a member from a conference: its call ends, its record says it "
        + "was removed by the administrator (tag ADMIN_HANGUP).")
public class ConfKickCommand extends MemberAction {
    @Override
    boolean apply() {
        boolean done = live.kick(room, member);
        if (done) {
            System.out.println("Member " + member + " removed from conference " + room);
        }
        return done;
    }
}
