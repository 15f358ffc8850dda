package org.plugboard.dnd.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.dnd.internal.ExtensionSettings;
import org.plugboard.dnd.internal.LiveCallsTracker;
import org.plugboard.dnd.internal.SettingsRegistry;

@Service
@Command(scope = "pbx", name = "dnd-list", description = "Lists every extension whose DND, call waiting or call limits differ from "
        + "the defaults, with its live calls in and out now.")
public class DndListCommand implements Action {
    @Reference
    SettingsRegistry settings;

    @Reference
    LiveCallsTracker calls;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Extension");
        table.column("DND");
        table.column("Call waiting");
        table.column("In now/max").alignRight();
        table.column("Out now/max").alignRight();
        int n = 0;
        for (ExtensionSettings s : settings.changed()) {
            LiveCallsTracker.Now now = calls.now(s.extension());
            table.addRow().addContent(s.extension(), s.dnd() ? "on" : "off", s.callWaiting() ? "on" : "off",
                    now.in() + "/" + max(s.maxIn()), now.out() + "/" + max(s.maxOut()));
            n++;
        }
        table.print(System.out);
        System.out.println(n + " extension(s) with settings other than the defaults (DND off, call waiting on, no limits)");
        return null;
    }

    private static String max(int n) {
        return n == ExtensionSettings.UNLIMITED ? "-" : Integer.toString(n);
    }
}
