package org.plugboard.dnd.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.plugboard.dnd.internal.ExtensionSettings;

@Service
@Command(scope = "pbx", name = "call-limit", description = "Shows or sets how many calls an extension may have at once, per "
        + "direction (ringing or answered; 0 = unlimited). Over the incoming limit a caller gets busy treatment; over the "
        + "outgoing limit the extension's new call gets 480 Call Limit Reached.")
public class CallLimitCommand extends SettingsAction {
    @Argument(index = 0, name = "extension", required = true)
    @Completion(ExtensionCompleter.class)
    String number;

    @Option(name = "--in", description = "concurrent incoming calls, 0 = unlimited")
    Integer in;

    @Option(name = "--out", description = "concurrent outgoing calls, 0 = unlimited")
    Integer out;

    @Override
    void run() throws Refused, InterruptedException {
        checkLimit("--in", in);
        checkLimit("--out", out);
        checkExtension(number);
        ExtensionSettings s = in == null && out == null ? settings.get(number)
                : change(number, x -> x.withLimits(in != null ? in : x.maxIn(), out != null ? out : x.maxOut()));
        System.out.println("Call limits of " + number + ": in " + text(s.maxIn()) + ", out " + text(s.maxOut()));
    }

    private void checkLimit(String option, Integer value) throws Refused {
        if (value != null && value < 0) {
            throw new Refused(option + " " + value + ": a limit is 0 (unlimited) or more, e.g. pbx:call-limit " + number + " " + option + " 2");
        }
    }

    private static String text(int n) {
        return n == ExtensionSettings.UNLIMITED ? "unlimited" : Integer.toString(n);
    }
}
