package org.plugboard.conference.internal.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "pbx", name = "conf-mute", description = "Mutes a member of a conference: it still hears the room, the others no longer hear it.")
public class ConfMuteCommand extends MemberAction {
    @Override
    boolean apply() {
        boolean done = live.mute(room, member, true);
        if (done) {
            System.out.println("Member " + member + " of conference " + room + " muted");
        }
        return done;
    }
}
