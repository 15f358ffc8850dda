package org.plugboard.media.internal.command;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.StreamStats;
import org.plugboard.media.internal.MediaGateways;

@Service
@Command(scope = "pbx", name = "media-list", description = "Lists the live media sessions of every media engine with "
        + "per-stream counters (one row per side and m-line).")
public class MediaListCommand implements Action {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    @Reference
    MediaGateways gateways;

    @Override
    public Object execute() {
        print(gateways.all(), System.out, ZoneId.systemDefault());
        return null;
    }

    static void print(List<MediaGateways.Named> all, PrintStream out, ZoneId zone) {
        ShellTable table = new ShellTable();
        table.column("Engine");
        table.column("Session");
        table.column("Call");
        table.column("Side");
        table.column("#").alignRight();
        table.column("Media");
        table.column("Port").alignRight();
        table.column("Remote");
        table.column("Latched");
        table.column("Pkts in").alignRight();
        table.column("Pkts out").alignRight();
        table.column("Dropped").alignRight();
        table.column("Lost").alignRight();
        table.column("Jitter ms").alignRight();
        table.column("Last");
        int sessions = 0;
        for (MediaGateways.Named named : all) {
            for (MediaSession s : named.gateway().sessions()) {
                sessions++;
                List<StreamStats> stats;
                try {
                    stats = s.stats();
                } catch (MediaException e) {
                    table.addRow().addContent(named.engine(), s.id(), s.callId(), "", "", "", "", "Error: " + e.getMessage(),
                            "", "", "", "", "", "", "");
                    continue;
                }
                if (stats.isEmpty()) {
                    table.addRow().addContent(named.engine(), s.id(), s.callId(), "", "", "(no offer yet)", "", "", "",
                            "", "", "", "", "", "");
                }
                for (StreamStats st : stats) {
                    table.addRow().addContent(named.engine(), s.id(), s.callId(), st.side(), st.index(), st.media(),
                            st.localPort() == 0 ? "refused" : String.valueOf(st.localPort()), st.remote(),
                            st.latched() ? "yes" : "no", st.packetsIn(), st.packetsOut(), st.dropped(),
                            st.lost() < 0 ? "" : String.valueOf(st.lost()),
                            st.jitterMillis() < 0 ? "" : String.format(Locale.ROOT, "%.1f", st.jitterMillis()),
                            st.lastPacketMillis() == 0 ? "" : TIME.format(Instant.ofEpochMilli(st.lastPacketMillis()).atZone(zone)));
                }
            }
        }
        table.print(out);
        out.println(sessions + " session(s) on " + all.size() + " engine(s)");
    }
}
