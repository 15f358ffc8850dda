package org.plugboard.conference.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.plugboard.console.CommandFailure;
import org.plugboard.console.StoredChange;
import org.plugboard.console.TrailingOptions;
import org.plugboard.conference.internal.Room;
import org.plugboard.conference.internal.Rooms;

/** {@code pbx:conf-add <number> [--name N] [--pin P] [--max M]}; the options may follow the number. */
@Service
@Command(scope = "pbx", name = "conf-add", description = "Adds a meet-me conference room: callers dialling its number meet there "
        + "(asked for the PIN when it has one).")
public class ConfAddCommand implements Action {
    @Reference
    Rooms rooms;

    @Argument(index = 0, name = "number", description = "the number callers dial, 2-15 digits, no extension's", required = true)
    String number;

    @Argument(index = 1, name = "options", description = "--name N, --pin P, --max M after the number", multiValued = true)
    @Completion(value = StringsCompleter.class, values = {"--name", "--pin", "--max"})
    List<String> options;

    @Option(name = "--name", description = "what the console calls it")
    String name;

    @Option(name = "--pin", description = "digits callers must enter (none: no PIN; masked in the history)", censor = true, mask = '*')
    String pin;

    @Option(name = "--max", description = "callers in the room at once")
    String max;

    @Override
    public Object execute() throws Exception {
        Room room;
        try {
            TrailingOptions.Parsed later = new TrailingOptions()
                    .value("--name", "a name, e.g. pbx:conf-add " + number + " --name Sales")
                    .value("--pin", "digits, e.g. pbx:conf-add " + number + " --pin 4711")
                    .value("--max", "a number, e.g. pbx:conf-add " + number + " --max 10")
                    .parse(options);
            Integer members = later.integer("--max", max == null ? rooms.defaultMaxMembers() : parse(max),
                    "a number, e.g. --max 10");
            room = new Room(number, later.value("--name", name), later.value("--pin", pin), members);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.of(e.getMessage());
        }
        Room added = StoredChange.await(rooms.add(room));
        System.out.println("Conference room " + added.number() + " '" + added.name() + "' added: " + (added.hasPin() ? "PIN asked" : "no PIN")
                + ", at most " + added.maxMembers() + " members");
        return null;
    }

    private static int parse(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--max '" + value + "' is not a number, e.g. --max 10");
        }
    }
}
