package org.plugboard.conference.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.plugboard.console.StoredChange;
import org.plugboard.conference.internal.LiveRooms;
import org.plugboard.conference.internal.Room;
import org.plugboard.conference.internal.Rooms;

@Service
@Command(scope = "pbx", name = "conf-remove", description = "Removes a conference room: its number routes nowhere from now on; "
        + "callers in it stay until they hang up or are kicked.")
public class ConfRemoveCommand implements Action {
    @Reference
    Rooms rooms;

    @Reference
    LiveRooms live;

    @Argument(index = 0, name = "number", required = true)
    @Completion(RoomCompleter.class)
    String number;

    @Override
    public Object execute() throws Exception {
        Room removed = StoredChange.await(rooms.remove(number));
        int members = live.room(number).map(v -> v.members().size()).orElse(0);
        System.out.println("Conference room " + removed.number() + " removed" + (members == 0 ? ""
                : "; " + members + " caller(s) still in it: pbx:conf-kick " + number + " <member> ends their calls"));
        return null;
    }
}
