package org.plugboard.calls.internal.command;

import java.security.AccessController;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.security.auth.Subject;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.OriginateRequest;
import org.plugboard.console.CommandFailure;
import org.plugboard.console.TrailingOptions;

/**
 * Connects two numbers: the PBX calls the first, and once it answers, the second. Prints the call id at once, then
 * the progress until the two are connected or the attempt failed (or only the id with {@code --no-wait}).
 */
@Command(scope = "pbx", name = "call-originate", description = "Calls <first>, and once it answers calls <second> and connects them "
        + "(numbers are dialled as a PBX phone dials them: extensions, or outside numbers with their line prefix)")
@Service
public class CallOriginateCommand implements Action {
    @Reference
    CallControl calls;

    @Argument(index = 0, name = "first", description = "The number called first (e.g. 1001)", required = true)
    String first;

    @Argument(index = 1, name = "second", description = "The number called once the first answered (e.g. 1002)", required = true)
    String second;

    /** Karaf reads options only before the arguments: these are the ones written after them ({@link TrailingOptions}). */
    @Argument(index = 2, name = "options", description = "--timeout S, --name N, --no-wait after the numbers", multiValued = true)
    List<String> options;

    @Option(name = "--timeout", description = "Seconds each party may ring before the attempt fails (1-300)")
    int timeout = 30;

    @Option(name = "--name", description = "Display name the first party sees")
    String name = "";

    @Option(name = "--no-wait", description = "Print the call id and return at once")
    boolean noWait;

    @Override
    public Object execute() throws Exception {
        OriginateRequest request;
        boolean noWait;
        int timeout;
        try {
            TrailingOptions.Parsed later = new TrailingOptions()
                    .value("--timeout", "seconds, e.g. pbx:call-originate " + first + " " + second + " --timeout 20")
                    .value("--name", "a display name, e.g. --name Reception")
                    .flag("--no-wait")
                    .parse(options);
            timeout = later.integer("--timeout", this.timeout, "seconds, e.g. --timeout 20");
            noWait = later.flag("--no-wait", this.noWait);
            request = new OriginateRequest(first, second, later.value("--name", name), Duration.ofSeconds(timeout), "console:" + user(), "");
        } catch (IllegalArgumentException e) {
            throw CommandFailure.of(e.getMessage() + ". Example: pbx:call-originate 1001 1002 --timeout 20", e);
        }
        OriginateProgress progress = new OriginateProgress();
        String id;
        try {
            id = calls.originate(request, progress);
        } catch (IllegalStateException | UnsupportedOperationException e) {
            throw CommandFailure.of("Cannot originate now: " + e.getMessage(), e);
        }
        System.out.println("Call " + id + ": calling " + first + ", then " + second);
        if (noWait) {
            System.out.println("Follow it with pbx:call-list; its record names it 'Originated by console:" + user() + "'.");
            return null;
        }
        // each party rings at most the timeout; the rest is set-up time
        Instant deadline = Instant.now().plusSeconds(2L * timeout + 10);
        while (true) {
            Duration left = Duration.between(Instant.now(), deadline);
            OriginateProgress.Line line = left.isNegative() ? null : progress.next(left);
            if (line == null) {
                System.out.println("Call " + id + ": no outcome yet; follow it with pbx:call-list");
                return null;
            }
            if (line.failure()) {
                throw CommandFailure.of("Call " + id + " " + line.text());
            }
            System.out.println("Call " + id + ": " + line.text());
            if (line.outcome()) {
                return null;
            }
        }
    }

    /** Who runs the command (the shell's JAAS user), for the record; "console" when there is no subject. */
    @SuppressWarnings("removal")
    private static String user() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject != null) {
            for (Principal p : subject.getPrincipals()) {
                if (p.getClass().getSimpleName().equals("UserPrincipal")) {
                    return p.getName();
                }
            }
        }
        return "console";
    }
}
