package org.plugboard.conference.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.plugboard.console.CommandFailure;
import org.plugboard.conference.internal.LiveRooms;

/** The shape of a command about one member of a live room: {@code <room> <member>} (member id or caller). */
abstract class MemberAction implements Action {
    @Reference
    LiveRooms live;

    @Argument(index = 0, name = "room", required = true)
    @Completion(RoomCompleter.class)
    String room;

    @Argument(index = 1, name = "member", description = "the member id pbx:conf-list shows, or the caller's number", required = true)
    String member;

    @Override
    public final Object execute() throws Exception {
        if (live.room(room).isEmpty()) {
            throw CommandFailure.of("nobody is in conference " + room + " now; pbx:conf-list shows the rooms and their members");
        }
        if (!apply()) {
            throw CommandFailure.of("no member '" + member + "' in conference " + room
                    + "; give the member id pbx:conf-list shows (a caller in the room twice needs its id)");
        }
        return null;
    }

    /** @return false when there is no such member */
    abstract boolean apply() throws CommandException;
}
