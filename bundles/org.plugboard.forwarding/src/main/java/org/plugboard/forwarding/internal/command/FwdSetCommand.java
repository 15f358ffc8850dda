package org.plugboard.forwarding.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.plugboard.forwarding.internal.Kind;
import org.plugboard.forwarding.internal.Limits;
import org.plugboard.forwarding.internal.Settings;
import org.plugboard.forwarding.internal.Targets;

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
    void run() {
        if (trailing != null && !trailing.isEmpty()) {
            if (trailing.size() != 2 || !"--timeout".equals(trailing.get(0)) || !trailing.get(1).matches("[0-9]{1,9}")) {
                System.err.println("Error: unexpected '" + String.join(" ", trailing) + "' after the target: the only option "
                        + "is --timeout <seconds>, e.g. pbx:fwd-set " + extension + " cfnr " + target + " --timeout 15.");
                return;
            }
            timeout = Integer.parseInt(trailing.get(1));
        }
        Kind k = Kind.of(kind).orElse(null);
        if (k == null) {
            System.err.println("Error: unknown kind '" + kind + "': use " + Kind.choices() + ".");
            return;
        }
        if (timeout != null && k != Kind.CFNR) {
            System.err.println("Error: --timeout applies to cfnr only (how long to ring before forwarding on no answer).");
            return;
        }
        if (timeout != null && !Limits.validSeconds(timeout)) {
            System.err.println("Error: --timeout " + timeout + " is not a ring time: use " + Limits.MIN_SECONDS + " to "
                    + Limits.MAX_SECONDS + " seconds, e.g. --timeout 15.");
            return;
        }
        if (!isExtension(extension)) {
            return;
        }
        Targets.Problem problem = targets().check(forwardings.get(extension), target);
        if (problem != null) {
            System.err.println("Error: cannot forward " + extension + " to " + target + ": " + explain(problem) + ".");
            return;
        }
        Settings s = forwardings.update(extension, now -> now.with(k, target, timeout));
        System.out.println(extension + ": forwarding " + k.description() + " to " + target
                + (k == Kind.CFNR ? " after " + (s.noAnswerSeconds() == null ? "the default ring time" : s.noAnswerSeconds() + " s")
                        : ""));
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
