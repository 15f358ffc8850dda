package org.plugboard.forwarding.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.plugboard.console.CommandFailure;
import org.plugboard.console.TrailingOptions;
import org.plugboard.forwarding.internal.Kind;
import org.plugboard.forwarding.internal.Limits;
import org.plugboard.forwarding.internal.Settings;
import org.plugboard.forwarding.internal.Targets;
import org.plugboard.console.completers.ExtensionCompleter;

@Service
@Command(scope = "pbx", name = "fwd-set", description = "Sets call forwarding of an extension: cfu (unconditional), cfb "
        + "(on busy), cfnr (on no answer, after --timeout seconds) or cfnrc (when unreachable). A target that is not an "
        + "extension needs pbx:fwd-permit <ext> external on. Applies to the next call.")
public class FwdSetCommand extends ForwardingAction {
    @Argument(index = 0, name = "extension", required = true)
    @Completion(ExtensionCompleter.class)
    String extension;

    @Argument(index = 1, name = "kind", description = "cfu, cfb, cfnr or cfnrc", required = true)
    @Completion(KindCompleter.class)
    String kind;

    @Argument(index = 2, name = "target", description = "the number calls go to", required = true)
    @Completion(ExtensionCompleter.class)
    String target;

    @Option(name = "--timeout", description = "cfnr only: seconds to ring first (default: no.answer.timeout of "
            + "etc/org.plugboard.forwarding.cfg); also accepted after the target")
    Integer timeout;

    /** Karaf reads options only before the arguments; {@code --timeout s} after the target arrives here. */
    @Argument(index = 3, name = "--timeout s", description = "cfnr only: seconds to ring first", required = false,
            multiValued = true)
    java.util.List<String> trailing;

    @Override
    void run() throws Exception {
        readTrailingTimeout();
        Kind k = Kind.of(kind).orElse(null);
        if (k == null) {
            throw CommandFailure.of("unknown kind '" + kind + "': use " + Kind.choices() + ".");
        }
        if (timeout != null && k != Kind.CFNR) {
            throw CommandFailure.of("--timeout applies to cfnr only (how long to ring before forwarding on no answer).");
        }
        if (timeout != null && !Limits.validSeconds(timeout)) {
            throw CommandFailure.of("--timeout " + timeout + " is not a ring time: use " + Limits.MIN_SECONDS + " to "
                    + Limits.MAX_SECONDS + " seconds, e.g. --timeout 15.");
        }
        checkExtension(extension);
        Targets.Problem problem = targets().check(forwardings.get(extension), target);
        if (problem != null) {
            throw CommandFailure.of("cannot forward " + extension + " to " + target + ": " + explain(problem) + ".");
        }
        Settings s = forwardings.update(extension, now -> now.with(k, target, timeout));
        System.out.println(extension + ": forwarding " + k.description() + " to " + target
                + (k == Kind.CFNR ? " after " + (s.noAnswerSeconds() == null ? "the default ring time" : s.noAnswerSeconds() + " s")
                        : ""));
    }

    /** {@code --timeout s} after the target (Karaf hands options after the arguments over as arguments). */
    private void readTrailingTimeout() throws Exception {
        try {
            timeout = new TrailingOptions().value("--timeout", "seconds, e.g. --timeout 15")
                    .unexpected(w -> "unexpected '" + w + "' after the target: the only option is --timeout <seconds>, e.g. "
                            + "pbx:fwd-set " + extension + " cfnr " + target + " --timeout 15.")
                    .parse(trailing).integer("--timeout", timeout, "a number of seconds, e.g. --timeout 15");
        } catch (IllegalArgumentException e) {
            throw CommandFailure.from(e);
        }
    }

    private String explain(Targets.Problem problem) {
        return switch (problem) {
            case NOT_PERMITTED -> target + " is not an extension, and " + extension + " may not forward to outside numbers; "
                    + "grant it first with pbx:fwd-permit " + extension + " external on";
            case SELF -> "an extension cannot forward to itself";
            case MALFORMED -> "'" + target + "' is not a number; use digits, optionally after a +";
        };
    }
}
