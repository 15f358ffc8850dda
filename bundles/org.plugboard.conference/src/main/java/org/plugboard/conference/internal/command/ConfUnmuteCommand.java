package org.plugboard.conference.internal.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "pbx", name = "conf-unmute", description = "Unmutes a member of a conference: the others hear it again.")
public class ConfUnmuteCommand extends MemberAction {
    @Override
    boolean apply() {
        boolean done = live.mute(room, member, false);
        if (done) {
            System.out.println("Member " + member + " of conference " + room + " unmuted");
        }
        return done;
    }
}
