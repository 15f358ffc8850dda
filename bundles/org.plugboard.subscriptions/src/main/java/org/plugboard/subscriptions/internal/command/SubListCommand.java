package org.plugboard.subscriptions.internal.command;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.plugboard.subscriptions.internal.SubscriptionList;
import org.plugboard.subscriptions.internal.SubscriptionView;

@Service
@Command(scope = "pbx", name = "sub-list", description = "Lists live subscriptions (SUBSCRIBE/NOTIFY): subscriber, watched "
        + "resource, event, seconds to expiry, and the last NOTIFY (its version, the answer, when).")
public class SubListCommand implements Action {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    @Reference
    SubscriptionList subscriptions;

    @Argument(index = 0, name = "extension", description = "only subscriptions to or from this extension", required = false)
    @Completion(SubscriptionCompleter.class)
    String extension;

    @Option(name = "--event", description = "only this event package, e.g. dialog", required = false)
    @Completion(EventCompleter.class)
    String event;

    @Override
    public Object execute() {
        if (event != null && !subscriptions.events().contains(event)) {
            System.err.println("Note: no event package '" + event + "' is installed now (installed: "
                    + (subscriptions.events().isEmpty() ? "none; feature:install pbx-blf adds dialog" : String.join(", ", subscriptions.events()))
                    + ")");
        }
        ShellTable table = new ShellTable();
        table.column("Subscriber");
        table.column("Resource");
        table.column("Event");
        table.column("Expires").alignRight();
        table.column("Last NOTIFY");
        table.column("Subscriber at");
        table.column("Call-ID");
        long now = System.currentTimeMillis();
        int n = 0;
        for (SubscriptionView v : subscriptions.subscriptions()) {
            if (extension != null && !extension.equals(v.subscriber()) && !extension.equals(v.resource())
                    || event != null && !event.equals(v.event())) {
                continue;
            }
            table.addRow().addContent(v.subscriber(), v.resource(), v.event(), Math.max(0, (v.expiresAt() - now + 999) / 1000) + " s",
                    lastNotify(v), v.target(), v.callId());
            n++;
        }
        table.print(System.out);
        System.out.println(n + " subscription(s)" + (subscriptions.events().isEmpty() ? "" : "; event packages: "
                + String.join(", ", subscriptions.events())));
        return null;
    }

    static String lastNotify(SubscriptionView v) {
        if (v.lastNotifyAt() < 0) {
            return "none yet";
        }
        String what = v.lastVersion() < 0 ? "final" : "v" + v.lastVersion();
        String answer = v.pending() ? "waiting" : v.lastStatus();
        return what + " " + answer + " at " + TIME.format(Instant.ofEpochMilli(v.lastNotifyAt()));
    }
}
