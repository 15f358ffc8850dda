package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Regression test of "bin/client -b shows nothing of a failed command": the pbx:* commands used to print their
 * errors to System.err, which an exec session (bin/client -b, bin/client 'command', ssh host 'command') drops, and
 * ended with status 0. Here the distribution's own bin/client runs failing commands both ways, as an admin's script
 * would: the Error line must be on its stdout and the exit status 1. Every other command's refusal is checked in the
 * container's own session, where it must be the same CommandException (which is what makes the client print the
 * line and exit 1), with its message. Also: options typed after the arguments of
 * pbx:line-add and pbx:trunk-add (Karaf's parser reads options only before them), and no ERROR with a stack trace
 * in karaf.log for an admin's typing error.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConsoleErrorsIT extends PbxTestSupport {
    private static final String SSH_PORT = "18101"; // PbxTestSupport's sshPort


    private final List<String> cleanup = new ArrayList<>();

    /** What a bin/client run printed (ANSI colours removed) and its exit status. */
    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + ", stdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    @Before
    public void linesAndTrunksInstalled() throws Exception {
        ensureFeature(features, "pbx-lines", "pbx:line-list", "line(s)");
        ensureFeature(features, "pbx-trunks", "pbx:trunk-list", "trunk(s)");
    }

    @After
    public void removeWhatWasAdded() {
        cleanup.forEach(this::command);
    }

    @Test
    public void aFailedCommandShowsItsErrorAndFailsInBatchMode() throws Exception {
        assertFails(batch("pbx:ext-remove 9999"), "Error: no extension 9999. List them with pbx:ext-list.");
        assertRefused("pbx:ext-add 1001 secret-pw", "Error: Extension 1001 exists already. Use pbx:ext-password");
        assertRefused("pbx:ext-add 3999 short", "Error: The password of 3999 is too short");
        assertRefused("pbx:ext-multidevice 1001 lend", "Error: unknown action 'lend': use grant or revoke");
        assertRefused("pbx:sip-trace maybe", "Error: unknown action 'maybe': use on, off, show, pcap FILE, pcap off or status");
        assertRefused("pbx:ban-lift 192.0.2.99", "Error: 192.0.2.99 is not banned. pbx:ban-list shows the banned addresses.");
        assertRefused("pbx:cdr-list --limit lots", "Error: 'lots' is not a valid limit: give a number from 1 to 10000");
        assertRefused("pbx:cdr-show nope", "Error: no call record 'nope'.");
        assertRefused("pbx:line-status nope", "Error: no line named 'nope'; pbx:line-list shows the lines");
        assertRefused("pbx:trunk-remove nope", "Error: no trunk named 'nope'; pbx:trunk-list shows the trunks");
        assertRefused("pbx:plan-set 1002 dnd --point", "Error: --point needs a detection point after it");
    }

    /** The call services' commands (and the core's pbx:call-hangup) fail the same way as the directory's. */
    @Test
    public void theCallServicesCommandsFailAlike() throws Exception {
        ensureFeature(features, "pbx-forwarding", "pbx:fwd-list", "with forwarding settings");
        ensureFeature(features, "pbx-screening", "pbx:screen-list", "Anonymous calls refused by");
        ensureFeature(features, "pbx-dnd", "pbx:dnd-list", "extension(s) with settings");
        ensureFeature(features, "pbx-groups", "pbx:group-list", "group(s)");
        ensureFeature(features, "pbx-transfer", "pbx:transfer-list", "Default: transfer");
        assertRefused("pbx:fwd-set 9999 cfu 1002", "Error: 9999 is not an extension; pbx:ext-list shows them");
        assertRefused("pbx:fwd-set 1001 sometimes 1002", "Error: unknown kind 'sometimes': use ");
        assertRefused("pbx:screen-remove abc", "Error: 'abc' is no entry id: give the number pbx:screen-list shows");
        assertRefused("pbx:dnd 1001 maybe", "Error: 'maybe' is neither on nor off, e.g. pbx:dnd 1001 on");
        assertRefused("pbx:dnd 9999 on", "Error: no extension 9999; see pbx:ext-list");
        assertRefused("pbx:transfer-permit 9999 on", "Error: no extension 9999; see pbx:ext-list");
        assertRefused("pbx:transfer-permit 1001 maybe", "Error: 'maybe' is none of on, off, default");
        assertRefused("pbx:group-remove 9999", "Error: there is no group 9999: pbx:group-list shows the groups");
        assertRefused("pbx:call-hangup nosuchcall", "Error: No live call 'nosuchcall'. See pbx:call-list");
    }

    @Test
    public void aFailedCommandShowsItsErrorAndFailsAsAnArgument() throws Exception {
        assertFails(argument("pbx:ext-remove 9999"), "Error: no extension 9999. List them with pbx:ext-list.");
        assertFails(argument("pbx:line-remove nope"), "Error: no line named 'nope'");
        Run ok = argument("pbx:ext-list 1001");
        assertEquals(ok.toString(), 0, ok.exit());
        assertTrue(ok.toString(), ok.out().contains("1 extension(s)"));
    }

    @Test
    public void aBatchStopsAtTheFirstFailedCommand() throws Exception {
        Run r = batch("pbx:ext-remove 9999\npbx:ext-list 1001");
        assertFails(r, "Error: no extension 9999.");
        assertFalse(r.toString(), r.out().contains("extension(s)"));
        Run ok = batch("pbx:ext-list 1001\npbx:ext-list 1002");
        assertEquals(ok.toString(), 0, ok.exit());
        assertEquals(ok.toString(), 2, ok.out().split("1 extension\\(s\\)", -1).length - 1);
    }

    @Test
    public void lineAddTakesItsOptionsAfterTheArguments() throws Exception {
        cleanup.add("pbx:line-remove cerr1");
        Run added = batch("pbx:line-add cerr1 127.0.0.1:9 4930 secret-pw --proxy 127.0.0.1:9 --auth-id 4930a --expires 120");
        assertEquals(added.toString(), 0, added.exit());
        assertTrue(added.toString(), added.out().contains("Line cerr1 added"));
        String status = command("pbx:line-status cerr1");
        assertTrue(status, status.contains("127.0.0.1:9") && status.contains("4930a") && status.contains("expires 120 s"));
        assertRefused("pbx:line-add cerr1 127.0.0.1:9 4930 secret-pw --proxy 127.0.0.1:9",
                "Error: a line named 'cerr1' exists; remove it first with pbx:line-remove cerr1");
        assertRefused("pbx:line-add cerr2 127.0.0.1:9 4930 secret-pw --expires soon",
                "Error: --expires 'soon' is not a number of seconds, e.g. --expires 3600");
        assertRefused("pbx:line-add cerr2 127.0.0.1:9 4930 secret-pw --proxy",
                "Error: --proxy needs host:port of the provider's proxy");
        assertRefused("pbx:line-add cerr2 127.0.0.1:9 4930 secret-pw --registrar x",
                "Error: unknown option --registrar: use --proxy, --auth-id, --auth-id-with-domain, --expires");
        assertFalse(command("pbx:line-list"), command("pbx:line-list").contains("cerr2"));
    }

    @Test
    public void trunkAddTakesItsOptionsAfterTheArguments() throws Exception {
        cleanup.add("pbx:trunk-remove cerr1");
        Run added = batch("pbx:trunk-add cerr1 127.0.0.4 --address 127.0.0.5:9 --prefix 79 --max-outbound 0"
                + " --did 5550=1001 --did 5551=1002");
        assertEquals(added.toString(), 0, added.exit());
        waitFor("trunk cerr1 listed", 15_000, () -> command("pbx:trunk-list").contains("cerr1"));
        String row = command("pbx:trunk-list").lines().filter(l -> l.startsWith("cerr1 ")).findFirst().orElse("");
        assertTrue(row, row.contains("127.0.0.5:9") && row.contains("79") && row.contains("/0"));
        assertRefused("pbx:trunk-add cerr2 127.0.0.4 --prefix 8", "Error: --prefix needs --address: where would the calls go?");
        assertRefused("pbx:trunk-add cerr2 -", "Error: a trunk needs peers, an --address, or both");
        assertRefused("pbx:trunk-add cerr2 127.0.0.4 --max-inbound many", "Error: --max-inbound 'many' is not a number");
        assertRefused("pbx:trunk-add cerr2 127.0.0.4 --address 127.0.0.5:9 --address 127.0.0.6:9",
                "Error: --address is given twice: give it once");
    }

    @Test
    public void anAdminsTypingErrorIsNoErrorInTheLog() throws Exception {
        File log = new File(System.getProperty("karaf.home"), "data/log/karaf.log");
        long before = log.length();
        assertFails(batch("pbx:ext-remove 9998"), "Error: no extension 9998.");
        String since = new String(Files.readAllBytes(log.toPath()), StandardCharsets.UTF_8).substring((int) before);
        assertFalse(since, since.contains("Exception caught while executing command")); // Karaf's ERROR for other exceptions
    }

    /**
     * The command fails as bin/client sees a failure (a CommandException: Karaf prints its {@code Error:} line and the
     * exec session ends with status 1, which the client runs above prove once per way of calling), with this line.
     * In the container's own session: a bin/client run per case took about 3 s each.
     */
    private void assertRefused(String command, String line) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(bytes, true, StandardCharsets.UTF_8);
        org.apache.karaf.shell.api.console.Session session = sessionFactory.create(System.in, out, out);
        try {
            session.execute(command);
            throw new AssertionError(command + " did not fail; it printed: " + bytes.toString(StandardCharsets.UTF_8));
        } catch (org.apache.karaf.shell.support.CommandException e) {
            assertTrue(command + ": " + e.getNiceHelp(), e.getNiceHelp().lines().anyMatch(l -> l.startsWith(line)));
        } catch (Exception e) {
            throw new AssertionError(command + " failed with " + e + ", not with a CommandException (the client would log a trace)", e);
        } finally {
            session.close();
        }
    }

    private static void assertFails(Run r, String line) {
        assertEquals("exit status of a failed command: " + r, 1, r.exit());
        assertTrue("the error on stdout: " + r, r.out().lines().anyMatch(l -> l.startsWith(line)));
    }

    /** {@code echo command | bin/client -b}: the commands on stdin, stdin then closed. */
    private Run batch(String commands) throws Exception {
        return client(List.of("-b"), commands + "\n");
    }

    /** {@code bin/client 'command'}: stdin stays open until the client is done (at its end the client hangs up). */
    private Run argument(String command) throws Exception {
        return client(List.of(command), null);
    }

    private Run client(List<String> args, String stdin) throws Exception {
        File home = new File(System.getProperty("karaf.home"));
        List<String> cmd = new ArrayList<>(List.of("sh", new File(home, "bin/client").getPath(), "-a", SSH_PORT, "-u", "karaf",
                "-p", "karaf"));
        cmd.addAll(args);
        File out = File.createTempFile("client", ".out");
        File err = File.createTempFile("client", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(home).redirectOutput(out).redirectError(err);
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process p = pb.start();
            OutputStream in = p.getOutputStream();
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
                in.close();
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("bin/client " + args + " did not end within 60 s");
            }
            in.close();
            return new Run(p.exitValue(), text(out), text(err));
        } finally {
            out.delete();
            err.delete();
        }
    }

    private static String text(File f) throws Exception {
        return new String(Files.readAllBytes(f.toPath()), StandardCharsets.UTF_8).replaceAll("\u001B\\[[;\\d]*m", "")
                .replace("\r", "");
    }
}
