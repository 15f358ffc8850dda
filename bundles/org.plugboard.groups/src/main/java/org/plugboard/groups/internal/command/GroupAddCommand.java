package org.plugboard.groups.internal.command;

import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.plugboard.groups.internal.Groups;
import org.plugboard.groups.internal.RingGroup;

@Service
@Command(scope = "pbx", name = "group-add", description = "Adds a ring group, or changes one (its members stay: set them with"
        + " pbx:group-members). Options not given keep their value, or take the defaults for a new group.")
public class GroupAddCommand extends GroupsAction {
    @Argument(index = 0, name = "number", description = "the group's number, 1 to 20 digits; not an extension's", required = true)
    @Completion(GroupNumberCompleter.class)
    String number;

    @Argument(index = 1, name = "name", description = "what the console shows (quote it if it has spaces)", required = true)
    String name;

    @Argument(index = 2, name = "strategy", description = "simultaneous, sequential or round-robin", required = true)
    @Completion(value = StringsCompleter.class, values = {"simultaneous", "sequential", "round-robin"})
    String strategy;

    @Option(name = "--ring", description = "simultaneous: seconds every member rings before the no-answer destination")
    Integer ring;

    @Option(name = "--member-ring", description = "sequential, round-robin: seconds each member rings before the next")
    Integer memberRing;

    @Option(name = "--no-answer", description = "where calls go when nobody answers, all are busy or none is reachable:"
            + " an extension, a group or an outside number; none for none")
    @Completion(DestinationCompleter.class)
    String noAnswer;

    @Argument(index = 3, name = "options", description = "--ring, --member-ring, --no-answer may also follow the arguments",
            required = false, multiValued = true)
    @Completion(TrailingOptionsCompleter.class)
    List<String> trailing;

    @Override
    void run() {
        Map<String, String> later = TrailingOptions.parse(trailing, TrailingOptionsCompleter.OPTIONS);
        Integer r = TrailingOptions.seconds(later, "--ring", ring);
        Integer m = TrailingOptions.seconds(later, "--member-ring", memberRing);
        String n = later.getOrDefault("--no-answer", noAnswer);
        Groups.Saved saved = groups.add(number, name, strategy, r, m, n);
        RingGroup g = saved.group();
        System.out.println((saved.created() ? "Added" : "Changed") + " group " + g.number() + " '" + g.name() + "': " + g.strategy()
                + (g.strategy().oneAtATime() ? ", " + g.memberSeconds() + " s per member" : ", rings " + g.ringSeconds() + " s")
                + ", no answer: " + (g.noAnswer() == null ? "none" : g.noAnswer()));
        if (g.members().isEmpty()) {
            System.out.println("It has no members yet: pbx:group-members " + g.number() + " <extension...>");
        }
    }
}
