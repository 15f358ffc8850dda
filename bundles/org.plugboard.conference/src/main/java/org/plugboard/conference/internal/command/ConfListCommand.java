package org.plugboard.conference.internal.command;

import java.util.List;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.conference.internal.LiveRooms;
import org.plugboard.conference.internal.Room;
import org.plugboard.conference.internal.Rooms;

@Service
@Command(scope = "pbx", name = "conf-list", description = "Lists the conference rooms and the callers in each now (member id, "
        + "caller, call, muted).")
public class ConfListCommand implements Action {
    @Reference
    Rooms rooms;

    @Reference
    LiveRooms live;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Room");
        table.column("Name");
        table.column("PIN");
        table.column("Members").alignRight();
        table.column("Engine");
        table.column("Who (member: caller call)");
        List<Room> all = rooms.all();
        for (Room room : all) {
            Optional<LiveRooms.View> now = live.room(room.number());
            String who = now.map(v -> String.join(", ", v.members().stream()
                    .map(m -> m.id() + ": " + m.caller() + " " + m.callId() + (m.muted() ? " (muted)" : "")).toList())).orElse("");
            table.addRow().addContent(room.number(), room.name(), room.hasPin() ? "yes" : "no",
                    now.map(v -> v.members().size()).orElse(0) + "/" + room.maxMembers(), now.map(LiveRooms.View::engine).orElse("-"), who);
        }
        table.print(System.out);
        System.out.println(all.size() + " room(s), " + live.rooms().stream().mapToInt(v -> v.members().size()).sum() + " caller(s) in them");
        return null;
    }
}
