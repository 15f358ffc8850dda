package org.plugboard.media.internal.command;

import java.io.PrintStream;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.api.media.PortUsage;
import org.plugboard.media.internal.MediaGateways;

@Service
@Command(scope = "pbx", name = "media-ports", description = "Port pool usage of every media engine.")
public class MediaPortsCommand implements Action {
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
        table.column("Total").alignRight();
        table.column("Free").alignRight();
        table.column("In use").alignRight();
        table.column("Sessions").alignRight();
        for (MediaGateways.Named named : all) {
            PortUsage p = named.gateway().ports();
            boolean known = p.total() >= 0;
            table.addRow().addContent(named.engine(), known ? p.total() : "unknown", known ? p.free() : "unknown",
                    known ? p.total() - p.free() : "unknown", named.gateway().sessions().size());
        }
        table.print(out);
        if (all.isEmpty()) {
            out.println("No media engine is registered: install feature pbx-media or pbx-media-ng.");
        }
    }
}
