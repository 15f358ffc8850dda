package org.plugboard.dnd.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.plugboard.console.CommandFailure;
import org.plugboard.console.TrailingOptions;
import org.plugboard.console.completers.ExtensionCompleter;
import org.plugboard.dnd.internal.ExtensionSettings;

/**
 * {@code pbx:call-limit <ext> [--in N] [--out N]}. Karaf reads options only before the first argument, so after the
 * extension {@code --in N --out N} arrive as arguments and are read here; {@code pbx:call-limit --in 2 1002} works too.
 */
@Service
@Command(scope = "pbx", name = "call-limit", description = "Shows or sets how many calls an extension may have at once, per "
        + "direction (ringing or answered; 0 = unlimited). Over the incoming limit a caller gets busy treatment; over the "
        + "outgoing limit the extension's new call gets 480 Call Limit Reached.")
public class CallLimitCommand extends SettingsAction {
    @Argument(index = 0, name = "extension", required = true)
    @Completion(ExtensionCompleter.class)
    String number;

    @Argument(index = 1, name = "limits", description = "--in N and/or --out N after the extension", multiValued = true)
    @Completion(value = StringsCompleter.class, values = {"--in", "--out"})
    List<String> limits;

    @Option(name = "--in", description = "concurrent incoming calls, 0 = unlimited")
    String in;

    @Option(name = "--out", description = "concurrent outgoing calls, 0 = unlimited")
    String out;

    @Override
    protected void run() throws CommandException, InterruptedException {
        readTrailingLimits();
        Integer maxIn = limit("--in", in);
        Integer maxOut = limit("--out", out);
        checkExtension(number);
        ExtensionSettings s = maxIn == null && maxOut == null ? settings.get(number)
                : change(number, x -> x.withLimits(maxIn != null ? maxIn : x.maxIn(), maxOut != null ? maxOut : x.maxOut()));
        System.out.println("Call limits of " + number + ": in " + text(s.maxIn()) + ", out " + text(s.maxOut()));
    }

    private void readTrailingLimits() throws CommandException {
        try {
            TrailingOptions.Parsed later = new TrailingOptions()
                    .value("--in", "a number, e.g. pbx:call-limit " + number + " --in 2")
                    .value("--out", "a number, e.g. pbx:call-limit " + number + " --out 2")
                    .unexpected(w -> "'" + w + "' is not an option here; use --in N and/or --out N, e.g. pbx:call-limit " + number
                            + " --in 2 --out 1")
                    .parse(limits);
            in = later.value("--in", in);
            out = later.value("--out", out);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.of(e.getMessage());
        }
    }

    private Integer limit(String option, String value) throws CommandException {
        if (value == null) {
            return null;
        }
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw CommandFailure.of(option + " '" + value + "' is not a number, e.g. pbx:call-limit " + number + " " + option + " 2");
        }
        if (n < 0) {
            throw CommandFailure.of(option + " " + value + ": a limit is 0 (unlimited) or more, e.g. pbx:call-limit " + number + " " + option
                    + " 2");
        }
        return n;
    }

    private static String text(int n) {
        return n == ExtensionSettings.UNLIMITED ? "unlimited" : Integer.toString(n);
    }
}
