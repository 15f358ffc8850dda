package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrSink;

/**
 * The pbx-forwarding feature installed into the running distribution, driven like an admin (pbx:fwd-*) and a phone
 * (feature codes), with real SIPp parties: 1001 calls 1002 (B), forwarded to 1003 (C) and 1004 (D). Each test checks
 * what the caller heard (every 181 and its Call-Info, byte for byte), what the target received (Diversion headers,
 * byte for byte), and the CDR (caller, dialled callee, final callee, tag).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ForwardingIT extends PbxTestSupport {
    private static final String FEATURE = "pbx-forwarding";
    /** This class's SIP client ports (16520-16559), one fresh port per party. */
    private static final AtomicInteger PORTS = new AtomicInteger(16520);
    private static final int LAST_PORT = 16559;


    @Inject
    protected ConfigurationAdmin configAdmin;

    /** Waits for the B2BUA. */
    @Inject
    @Filter(timeout = 60_000)
    protected CallControl calls;

    private final List<CallDetailRecord> cdrs = new CopyOnWriteArrayList<>();
    private ServiceRegistration<CdrSink> sink;
    private final List<Runnable> cleanup = new ArrayList<>();

    @Override
    protected Option[] extraOptions() {
        return new Option[] {editConfigurationFilePut("etc/org.plugboard.registrar.cfg", "ban.allow", "127.0.0.1")};
    }

    @Before
    public void installTheFeatureWithNothingSet() throws Exception {
        ensureFeature(features, FEATURE, "pbx:fwd-list", "with forwarding settings");
        waitFor("the forwarding CallService", 30_000, () -> {
            try {
                return bundleContext.getServiceReferences(org.plugboard.api.service.CallService.class,
                        "(plugboard.service.name=forwarding)").size() == 1;
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        });
        for (String n : List.of("1001", "1002", "1003", "1004")) {
            command("pbx:fwd-clear " + n);
            command("pbx:fwd-permit " + n + " external off");
        }
        assertTrue(command("pbx:fwd-list"), command("pbx:fwd-list").contains("0 extension(s) with forwarding settings"));
        sink = collectCdrs(cdrs);
    }

    @After
    public void noCallLeftBehind() throws Exception {
        for (Runnable r : cleanup) {
            r.run();
        }
        cleanup.clear();
        sink.unregister();
        try {
            waitFor("the live-call list to be empty", 5000, () -> calls.calls().isEmpty());
        } catch (AssertionError e) {
            String left = calls.calls().toString();
            calls.calls().forEach(c -> calls.hangup(c.id(), CallTag.ADMIN_HANGUP));
            throw new AssertionError("calls left behind: " + left, e);
        }
    }

    // ---- parties ------------------------------------------------------------------------------------------

    private static int port() {
        int p = PORTS.getAndIncrement();
        if (p > LAST_PORT) {
            throw new IllegalStateException("ForwardingIT ran out of its ports 16520-" + LAST_PORT);
        }
        return p;
    }

    /** A registered device of {@code number} playing a callee scenario of calls/ (unregistered after the test). */
    private Sipp.Running callee(String number, String scenario, int status) throws Exception {
        int port = port();
        register(number, port);
        cleanup.add(() -> {
            try {
                unregister(number, port);
            } catch (Exception e) {
                throw new AssertionError("unregistering " + number, e);
            }
        });
        Sipp s = sipp("calls/" + scenario).server().user(number, password(number)).from("127.0.0.1", port).timeout(25);
        if (status > 0) {
            s.expect(status);
        }
        return s.start();
    }

    private Sipp.Running answering(String number) throws Exception {
        return callee(number, "uas-answer.xml", 0);
    }

    /** 1001 calls {@code dialled} with a scenario of forwarding/. */
    private static Sipp caller(String scenario, String dialled) {
        return sipp("forwarding/" + scenario).user("1001", password("1001")).service(dialled).key("caller", "1001")
                .key("hold_ms", "300").from("127.0.0.1", port()).timeout(20);
    }

    /** {@code extension}'s phone dials {@code code}. */
    private static Sipp phoneDials(String extension, String scenario, String code) {
        return sipp(scenario).user(extension, password(extension)).service(code).key("caller", extension)
                .from("127.0.0.1", port()).timeout(10);
    }

    private String console(String command, String expected) {
        String out = command(command);
        assertTrue(command + " printed:\n" + out, out.contains(expected));
        return out;
    }

    // ---- what each side saw -------------------------------------------------------------------------------

    /** The messages a SIPp party received whose first line starts with {@code firstLine}, in order. */
    static List<String> received(Sipp.Result r, String firstLine) {
        List<String> out = new ArrayList<>();
        for (String block : r.messages().split("(?m)^-{20,}.*$")) {
            int at = block.indexOf("message received");
            if (at < 0) {
                continue;
            }
            String message = block.substring(block.indexOf('\n', at) + 1).strip();
            if (message.startsWith(firstLine)) {
                out.add(message);
            }
        }
        return out;
    }

    /** The lines of a message's header {@code name}, exactly as they came (without the line ends). */
    static List<String> header(String message, String name) {
        String head = message.split("\r?\n\r?\n", 2)[0];
        return Arrays.stream(head.split("\r?\n")).filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1)).toList();
    }

    /** The Call-Info line of every 181 the caller received, in order. */
    private static List<String> forwardingNotices(Sipp.Result caller) {
        return received(caller, "SIP/2.0 181").stream().map(m -> String.join("|", header(m, "Call-Info"))).toList();
    }

    private static String notice(String from, String to) {
        return "Call-Info: purpose=forwarding, username=\"" + from + "\", contact=\"" + to + "\"";
    }

    /** The Diversion lines of the INVITE a callee received. */
    private static List<String> diversions(Sipp.Result callee) {
        List<String> invites = received(callee, "INVITE ");
        assertEquals("INVITEs at the callee:\n" + callee.messages(), 1, invites.size());
        return header(invites.get(0), "Diversion");
    }

    private static String diversion(String from, String reason, int counter) {
        return "Diversion: <sip:" + from + "@127.0.0.1>;reason=" + reason + ";counter=" + counter;
    }

    private void assertCdr(CallDetailRecord cdr, String caller, String callee, String finalCallee, CallTag tag) {
        assertEquals("caller", caller, cdr.caller());
        assertEquals("callee (dialled)", callee, cdr.callee());
        assertEquals("final callee", finalCallee, cdr.finalCallee());
        assertEquals("tag", tag, cdr.tag());
    }

    private void assertAnsweredBy(CallDetailRecord cdr, String number) {
        assertEquals(Disposition.ANSWERED, cdr.disposition());
        assertTrue("answered by " + cdr.answeredBy(), cdr.answeredBy().startsWith(number + "@127.0.0.1:"));
    }

    // ---- the kinds of forwarding --------------------------------------------------------------------------

    @Test
    public void unconditionalForwardingTellsTheCallerAndNamesTheHopToTheTarget() throws Exception {
        console("pbx:fwd-set 1002 cfu 1003", "1002: forwarding unconditional to 1003");
        Sipp.Running at1003 = answering("1003");
        Sipp.Result caller = caller("uac-forwarded.xml", "1002").run();
        Sipp.Result c = at1003.await();
        passed("caller", caller);
        passed("1003", c);
        assertEquals(List.of(notice("1002", "1003")), forwardingNotices(caller));
        assertEquals(List.of(diversion("1002", "unconditional", 1)), diversions(c));
        CallDetailRecord cdr = cdrOf(cdrs, caller);
        assertCdr(cdr, "1001", "1002", "1003", CallTag.CALLER_BYE);
        assertAnsweredBy(cdr, "1003");
        assertTrue(cdr.forwarded());
    }

    @Test
    public void aChainTellsTheCallerOfEachHopAndTheLastTargetSeesThemAll() throws Exception {
        console("pbx:fwd-set 1002 cfu 1003", "1002: forwarding unconditional to 1003");
        console("pbx:fwd-set 1003 cfu 1004", "1003: forwarding unconditional to 1004");
        Sipp.Running at1004 = answering("1004");
        Sipp.Result caller = caller("uac-forwarded.xml", "1002").run();
        Sipp.Result d = at1004.await();
        passed("caller", caller);
        passed("1004", d);
        assertEquals(List.of(notice("1002", "1003"), notice("1003", "1004")), forwardingNotices(caller));
        assertEquals("newest hop first (RFC 5806)",
                List.of(diversion("1003", "unconditional", 2), diversion("1002", "unconditional", 1)), diversions(d));
        CallDetailRecord cdr = cdrOf(cdrs, caller);
        assertCdr(cdr, "1001", "1002", "1004", CallTag.CALLER_BYE);
        assertAnsweredBy(cdr, "1004");
    }

    @Test
    public void busyForwardsWhenTheExtensionAnswers486() throws Exception {
        console("pbx:fwd-set 1002 cfb 1003", "1002: forwarding on busy to 1003");
        Sipp.Running at1002 = callee("1002", "uas-reject.xml", 486);
        Sipp.Running at1003 = answering("1003");
        Sipp.Result caller = caller("uac-forwarded.xml", "1002").run();
        Sipp.Result b = at1002.await();
        Sipp.Result c = at1003.await();
        passed("caller", caller);
        passed("1002 (busy)", b);
        passed("1003", c);
        assertEquals(List.of(notice("1002", "1003")), forwardingNotices(caller));
        assertEquals(List.of(diversion("1002", "user-busy", 1)), diversions(c));
        CallDetailRecord cdr = cdrOf(cdrs, caller);
        assertCdr(cdr, "1001", "1002", "1003", CallTag.CALLER_BYE);
        assertAnsweredBy(cdr, "1003");
    }

    @Test
    public void noAnswerForwardsAfterTheExtensionsOwnTimeout() throws Exception {
        console("pbx:fwd-set 1002 cfnr 1003 --timeout 3", "1002: forwarding on no answer to 1003 after 3 s");
        console("pbx:fwd-list 1002", "1003 after 3 s");
        Sipp.Running at1002 = callee("1002", "uas-ring-no-answer.xml", 0);
        Sipp.Running at1003 = answering("1003");
        Sipp.Result caller = caller("uac-forwarded.xml", "1002").run();
        Sipp.Result b = at1002.await();
        Sipp.Result c = at1003.await();
        passed("caller", caller);
        passed("1002 (rang, then cancelled)", b);
        passed("1003", c);
        assertEquals(List.of(notice("1002", "1003")), forwardingNotices(caller));
        assertEquals(List.of(diversion("1002", "no-answer", 1)), diversions(c));
        CallDetailRecord cdr = cdrOf(cdrs, caller);
        assertCdr(cdr, "1001", "1002", "1003", CallTag.CALLER_BYE);
        assertAnsweredBy(cdr, "1003");
        // 1002 rang for its own 3 s, not the default 20 s nor the B2BUA's 60 s, before 1003 answered at once.
        Duration rang = Duration.between(cdr.ringing(), cdr.answer());
        assertTrue("rang " + rang.toMillis() + " ms before the forwarded call was answered",
                rang.toMillis() >= 2500 && rang.toMillis() < 10_000);
    }

    @Test
    public void unreachableForwardsWhenTheExtensionHasNoDevice() throws Exception {
        console("pbx:fwd-set 1002 cfnrc 1003", "1002: forwarding when unreachable to 1003");
        Sipp.Running at1003 = answering("1003");
        Sipp.Result caller = caller("uac-forwarded.xml", "1002").run(); // 1002 has no registered device
        Sipp.Result c = at1003.await();
        passed("caller", caller);
        passed("1003", c);
        assertEquals(List.of(notice("1002", "1003")), forwardingNotices(caller));
        assertEquals(List.of(diversion("1002", "unavailable", 1)), diversions(c));
        CallDetailRecord cdr = cdrOf(cdrs, caller);
        assertCdr(cdr, "1001", "1002", "1003", CallTag.CALLER_BYE);
        assertAnsweredBy(cdr, "1003");
    }

    @Test
    public void aLoopIsRefusedWith482AfterTheFirstHop() throws Exception {
        console("pbx:fwd-set 1002 cfu 1003", "1002: forwarding unconditional to 1003");
        console("pbx:fwd-set 1003 cfu 1002", "1003: forwarding unconditional to 1002");
        Sipp.Result caller = caller("uac-forwarded-final.xml", "1002").expect(482).run();
        passed("caller (181, then 482)", caller);
        assertEquals(List.of(notice("1002", "1003")), forwardingNotices(caller));
        CallDetailRecord cdr = cdrOf(cdrs, caller);
        assertCdr(cdr, "1001", "1002", "1003", CallTag.ROUTING_FAILURE);
        assertEquals(482, cdr.sipStatus());
    }

    /**
     * Issue 13: forwarding out over a trunk asks the trunk's call limit again (CallAdmission), as a dialled call
     * would: 1002 (no device) forwards when unreachable to 880612345678 over a trunk that takes no outbound call; the
     * caller hears the 181, then 503 Trunk Busy with Q.850 cause 34, and nothing reaches the trunk. Port 15880.
     */
    @Test
    public void forwardingOutOverAFullTrunkIsRefusedLikeADialledCall() throws Exception {
        ensureFeature(features, "pbx-trunks", "pbx:trunk-list", "trunk(s)");
        Configuration trunk = configAdmin.getFactoryConfiguration("org.plugboard.trunks", "fwdout", "?");
        Hashtable<String, Object> settings = new Hashtable<>();
        settings.put("name", "fwdout");
        settings.put("address", "127.0.0.9:15899"); // nobody there (and not 127.0.0.1: its calls would count as the trunk's)
        settings.put("prefix", "88");
        settings.put("max.outbound", "0");
        trunk.update(settings);
        try {
            waitFor("trunk fwdout", 15_000, () -> command("pbx:trunk-list").contains("fwdout"));
            console("pbx:fwd-permit 1002 external on", "1002 may now forward to outside numbers");
            console("pbx:fwd-set 1002 cfnrc 880612345678", "1002: forwarding when unreachable to 880612345678");
            Sipp.Result caller = caller("uac-forwarded-final.xml", "1002").expect(503).from("127.0.0.1", 15880).run();
            passed("caller (181, then 503 Trunk Busy)", caller);
            assertEquals(List.of(notice("1002", "880612345678")), forwardingNotices(caller));
            String refusal = received(caller, "SIP/2.0 503").get(0);
            assertTrue(refusal, refusal.startsWith("SIP/2.0 503 Trunk Busy"));
            List<String> reason = header(refusal, "Reason");
            assertTrue(refusal, reason.size() == 1 && reason.get(0).matches("(?i)Reason: *Q\\.850 *; *cause=34 *;.*"
                    + java.util.regex.Pattern.quote("Trunk fwdout takes no outbound calls (max.outbound=0)") + ".*"));
            CallDetailRecord cdr = cdrOf(cdrs, caller);
            assertCdr(cdr, "1001", "1002", "880612345678", CallTag.SYSTEM);
            assertEquals(503, cdr.sipStatus());
            assertEquals(34, cdr.q850Cause());
        } finally {
            trunk.delete();
        }
    }

    // ---- feature codes ------------------------------------------------------------------------------------

    @Test
    public void aFeatureCodeSetsForwardingAndTheNextCallIsForwarded() throws Exception {
        Sipp.Result code = phoneDials("1002", "forwarding/uac-feature-code.xml", "*721003").run();
        passed("1002 dialling *721003 (200, no media, BYE from the PBX)", code);
        CallDetailRecord confirmed = cdrOf(cdrs, code);
        assertCdr(confirmed, "1002", "*721003", "*721003", CallTag.FEATURE_CODE);
        assertEquals(200, confirmed.sipStatus());
        waitFor("1002's forwarding in memory", 5000, () -> command("pbx:fwd-list 1002").contains("1003"));

        Sipp.Running at1003 = answering("1003");
        Sipp.Result caller = caller("uac-forwarded.xml", "1002").run();
        Sipp.Result c = at1003.await();
        passed("caller", caller);
        passed("1003", c);
        assertEquals(List.of(notice("1002", "1003")), forwardingNotices(caller));
        assertCdr(cdrOf(cdrs, caller), "1001", "1002", "1003", CallTag.CALLER_BYE);

        passed("1002 dialling *73", phoneDials("1002", "forwarding/uac-feature-code.xml", "*73").run());
        waitFor("1002's forwarding cleared", 5000, () -> command("pbx:fwd-list").contains("0 extension(s)"));
    }

    @Test
    public void featureCodesWithABadOrForbiddenTargetAreRefused() throws Exception {
        Sipp.Result outside = phoneDials("1002", "calls/uac-expect-final.xml", "*720612345678").expect(403).run();
        passed("1002 dialling *720612345678 without the permission (403)", outside);
        CallDetailRecord cdr = cdrOf(cdrs, outside);
        assertCdr(cdr, "1002", "*720612345678", "*720612345678", CallTag.FEATURE_CODE);
        assertEquals(50, cdr.q850Cause());
        assertTrue(cdr.reason(), cdr.reason().contains("pbx:fwd-permit 1002 external on"));

        Sipp.Result incomplete = phoneDials("1002", "calls/uac-expect-final.xml", "*72").expect(484).run();
        passed("1002 dialling *72 alone (484)", incomplete);
        cdr = cdrOf(cdrs, incomplete);
        assertEquals(CallTag.FEATURE_CODE, cdr.tag());
        assertEquals(28, cdr.q850Cause());
        console("pbx:fwd-list", "0 extension(s) with forwarding settings");
    }

    // ---- console ------------------------------------------------------------------------------------------

    @Test
    public void theConsoleRefusesAnOutsideTargetUntilItIsPermitted() {
        console("pbx:fwd-set 1002 cfb 0612345678", "pbx:fwd-permit 1002 external on");
        console("pbx:fwd-list", "0 extension(s)");
        console("pbx:fwd-permit 1002 external on", "1002 may now forward to outside numbers");
        console("pbx:fwd-set 1002 cfb 0612345678", "1002: forwarding on busy to 0612345678");
        console("pbx:fwd-permit 1002 external off", "forwarding on busy to 0612345678 stays set but is not applied");
        console("pbx:fwd-list 1002", "0612345678 (not applied: outside, not permitted)");
        console("pbx:fwd-set 1009 cfu 1003", "1009 is not an extension");
        console("pbx:fwd-set 1002 cfx 1003", "unknown kind 'cfx'");
        console("pbx:fwd-set 1002 cfu 1002", "cannot forward to itself");
        console("pbx:fwd-set 1002 cfu 1003 --timeout 5", "--timeout applies to cfnr only");
        console("pbx:fwd-clear 1002", "1002: all forwarding off");
        console("pbx:fwd-permit 1002 external off", "may no longer forward");
    }
}
