package org.plugboard.recording.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.console.TrailingOptions;
import org.plugboard.recording.internal.RecordingConsole;
import org.plugboard.recording.internal.RecordingRow;

@Service
@Command(scope = "pbx", name = "rec-list", description = "Lists recordings, newest first, with the CDR call id each belongs to.")
public class RecListCommand extends ConsoleAction {
    @Option(name = "--caller", description = "only recordings of this caller")
    String caller;

    @Option(name = "--callee", description = "only recordings of this callee")
    String callee;

    @Option(name = "--limit", description = "at most this many (default 50)")
    Integer limit;

    @Argument(index = 0, name = "options", multiValued = true, description = "the options may follow too")
    List<String> trailing;

    @Override
    void run(RecordingConsole console) {
        TrailingOptions.Parsed later = new TrailingOptions()
                .value("--caller", "an extension or number, e.g. --caller 1001")
                .value("--callee", "an extension or number, e.g. --callee 1002")
                .value("--limit", "a number, e.g. --limit 20")
                .parse(trailing);
        List<RecordingRow> rows = console.list(later.value("--caller", caller), later.value("--callee", callee),
                later.integer("--limit", limit, "a number, e.g. --limit 20"));
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Id", "Call", "Caller", "Callee", "Started", "Length", "Ending", "File"}) {
            table.column(c);
        }
        for (RecordingRow r : rows) {
            table.addRow().addContent(r.id(), r.callId(), r.caller(), r.callee(), r.started(), RecordingConsole.length(r.length()),
                    r.ending() == null ? "(running)" : r.ending(), r.file());
        }
        table.print(System.out);
        System.out.println(rows.size() + " recording(s)");
    }
}
