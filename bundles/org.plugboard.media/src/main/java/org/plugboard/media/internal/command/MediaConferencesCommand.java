package org.plugboard.media.internal.command;

import java.io.PrintStream;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.api.media.Conference;
import org.plugboard.media.internal.MediaGateways;
import org.plugboard.media.mix.Mixing;

@Service
@Command(scope = "pbx", name = "media-conferences", description = "Mixing rooms of every media engine and their members.")
public class MediaConferencesCommand implements Action {
    @Reference
    MediaGateways gateways;

    @Override
    public Object execute() {
        print(gateways.all(), System.out);
        return null;
    }

    static void print(List<MediaGateways.Named> all, PrintStream out) {
        ShellTable table = new ShellTable();
        table.column("Engine");
        table.column("Room");
        table.column("Member");
        table.column("Muted");
        int rooms = 0;
        for (MediaGateways.Named named : all) {
            for (Conference room : named.gateway().conferences()) {
                rooms++;
                List<String> members = room.members();
                List<String> muted = Mixing.muted(room);
                if (members.isEmpty()) {
                    table.addRow().addContent(named.engine(), room.name(), "(empty)", "");
                }
                for (String id : members) {
                    table.addRow().addContent(named.engine(), room.name(), id, muted.contains(id) ? "yes" : "no");
                }
            }
        }
        table.print(out);
        out.println(rooms + " room(s) on " + all.size() + " engine(s)");
    }
}
