package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
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
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrSink;
import org.plugboard.api.service.CallService;

/**
 * The pbx-dnd feature installed into the running distribution: DND, call waiting off, the outgoing call limit and
 * a feature code dialled from a phone, each with SIPp phones on both sides and the CDR. Phones use ports
 * 16580-16599.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DndIT extends PbxTestSupport {
    private static final String FEATURE = "pbx-dnd";
    private static final int CALLER_A = 16580;
    private static final int CALLER_B = 16581;
    private static final int PORT_1001 = 16582;
    private static final int PORT_1002 = 16583;
    private static final int HOLD_MS = 6000;


    /** Waits for the B2BUA. */
    @Inject
    @Filter(timeout = 60_000)
    protected CallControl calls;

    private final List<CallDetailRecord> cdrs = new CopyOnWriteArrayList<>();
    private ServiceRegistration<CdrSink> sink;

    @Override
    protected Option[] extraOptions() {
        return new Option[] {
            editConfigurationFilePut("etc/org.plugboard.registrar.cfg", "ban.allow", "127.0.0.1"),
        };
    }

    @Before
    public void featureInstalledAndSink() throws Exception {
        ensureFeature(features, FEATURE, "pbx:dnd-list", "extension(s) with settings");
        waitFor("the dnd call service", 30_000, () -> dndService() != null);
        sink = collectCdrs(cdrs);
    }

    /** Every demo extension back at the defaults, and no call left behind. */
    @After
    public void resetSettings() throws Exception {
        if (sink != null) {
            sink.unregister();
        }
        for (String ext : List.of("1001", "1002", "1003", "1004")) {
            command("pbx:dnd " + ext + " off");
            command("pbx:callwaiting " + ext + " on");
            command("pbx:call-limit " + ext + " --in 0 --out 0");
        }
        assertCommand("pbx:dnd-list", "0 extension(s)");
        try {
            waitFor("the live-call list to be empty", 5000, () -> calls.calls().isEmpty());
        } catch (AssertionError e) {
            String left = calls.calls().toString();
            calls.calls().forEach(c -> calls.hangup(c.id(), CallTag.ADMIN_HANGUP));
            throw new AssertionError("calls left behind: " + left, e);
        }
    }

    @Test
    public void dndOnGivesTheCaller486AndOffLetsTheCallRingAgain() throws Exception {
        assertCommand("pbx:dnd 1002 on", "DND on for 1002");
        register("1002", PORT_1002); // registered: without DND the call would ring
        try {
            Sipp.Result refused = caller("calls/uac-expect-final.xml", "1001", "1002", CALLER_A).expect(486).run();
            passed("1001 calling 1002 with DND on", refused);
            CallDetailRecord cdr = cdrOf(cdrs, refused);
            assertEquals(CallTag.DO_NOT_DISTURB, cdr.tag());
            assertEquals(486, cdr.sipStatus());
            assertEquals(17, cdr.q850Cause());
            assertTrue(cdr.reason(), cdr.reason().contains("1002 has do-not-disturb on"));

            assertCommand("pbx:dnd 1002 off", "DND off for 1002");
            Sipp.Running callee = callee("1002", PORT_1002);
            Sipp.Result answered = caller("calls/uac-call.xml", "1001", "1002", CALLER_A).key("hold_ms", "300").run();
            passed("1001 calling 1002 with DND off", answered);
            passed("1002 answering", callee.await());
            assertEquals(CallTag.CALLER_BYE, cdrOf(cdrs, answered).tag());
        } finally {
            unregister("1002", PORT_1002);
        }
    }

    @Test
    public void callWaitingOffGivesASecondCaller486WhileTheCalleeTalks() throws Exception {
        assertCommand("pbx:callwaiting 1002 off", "Call waiting off for 1002");
        register("1002", PORT_1002);
        try {
            Sipp.Running callee = callee("1002", PORT_1002);
            Sipp.Running first = caller("calls/uac-call.xml", "1001", "1002", CALLER_A).key("hold_ms", Integer.toString(HOLD_MS)).start();
            waitForConnected("1002", first, callee);
            assertListed("1002\\W+off\\W+off\\W+1/-\\W+0/-");

            Sipp.Result second = caller("calls/uac-expect-final.xml", "1003", "1002", CALLER_B).expect(486).run();
            passed("1003 calling 1002 while it talks", second);
            CallDetailRecord cdr = cdrOf(cdrs, second);
            assertEquals(CallTag.CALL_LIMIT, cdr.tag());
            assertEquals(486, cdr.sipStatus());
            assertTrue(cdr.reason(), cdr.reason().contains("call waiting off"));

            passed("the first call, untouched", first.await());
            passed("1002 answering the first call", callee.await());
        } finally {
            unregister("1002", PORT_1002);
        }
    }

    @Test
    public void anOutgoingLimitOfOneRefusesTheSecondCall() throws Exception {
        assertCommand("pbx:call-limit 1001 --out 1", "Call limits of 1001: in unlimited, out 1");
        register("1002", PORT_1002);
        try {
            Sipp.Running callee = callee("1002", PORT_1002);
            Sipp.Running first = caller("calls/uac-call.xml", "1001", "1002", CALLER_A).key("hold_ms", Integer.toString(HOLD_MS)).start();
            waitForConnected("1002", first, callee);
            assertListed("1001\\W+off\\W+on\\W+0/-\\W+1/1");

            Sipp.Result second = caller("calls/uac-expect-final.xml", "1001", "1003", CALLER_B).expect(480).run();
            passed("1001's second call", second);
            assertTrue(second.messages(), second.messages().contains("SIP/2.0 480 Call Limit Reached"));
            CallDetailRecord cdr = cdrOf(cdrs, second);
            assertEquals(CallTag.CALL_LIMIT, cdr.tag());
            assertEquals(480, cdr.sipStatus());
            assertEquals(34, cdr.q850Cause());

            passed("the first call, untouched", first.await());
            passed("1002 answering the first call", callee.await());
        } finally {
            unregister("1002", PORT_1002);
        }
        waitFor("1001's outgoing call given back", 5000, () -> listed("1001\\W+off\\W+on\\W+0/-\\W+0/1"));
        Sipp.Result again = caller("calls/uac-expect-final.xml", "1001", "1003", CALLER_B).expect(480).run();
        passed("1001 calling again once its call ended", again);
        assertEquals("1003 is not registered: the call got as far as routing", CallTag.CALLEE_UNREACHABLE, cdrOf(cdrs, again).tag());
    }

    @Test
    public void featureCodeStar78FromAPhoneSetsDndAndStar79ClearsIt() throws Exception {
        Sipp.Result code = caller("dnd/uac-feature-code.xml", "1001", "*78", CALLER_A).run();
        passed("1001 dialling *78 (200, ACK, then the PBX's BYE)", code);
        CallDetailRecord cdr = cdrOf(cdrs, code);
        assertEquals(CallTag.FEATURE_CODE, cdr.tag());
        assertEquals("DND on for 1001", cdr.reason());
        waitFor("DND on for 1001 stored", 5000, () -> listed("1001\\W+on\\W+on\\W+0/-\\W+0/-"));

        register("1001", PORT_1001);
        try {
            Sipp.Result refused = caller("calls/uac-expect-final.xml", "1002", "1001", CALLER_B).expect(486).run();
            passed("1002 calling 1001 after *78", refused);
            assertEquals(CallTag.DO_NOT_DISTURB, cdrOf(cdrs, refused).tag());
        } finally {
            unregister("1001", PORT_1001);
        }

        passed("1001 dialling *79", caller("dnd/uac-feature-code.xml", "1001", "*79", CALLER_A).run());
        waitFor("1001 back at the defaults", 5000, () -> command("pbx:dnd-list").contains("0 extension(s)"));
    }

    @Test
    public void consoleCommandsSetListAndNameWhatIsWrong() throws Exception {
        assertCommand("pbx:dnd 9999 on", "Error: no extension 9999; see pbx:ext-list");
        assertCommand("pbx:dnd 1002 maybe", "Error: 'maybe' is neither on nor off, e.g. pbx:dnd 1002 on");
        assertCommand("pbx:callwaiting 1002 of", "Error: 'of' is neither on nor off");
        assertCommand("pbx:call-limit 1002 --in -1", "Error: --in -1: a limit is 0 (unlimited) or more");
        assertCommand("pbx:call-limit 1002 --in two", "Error: --in 'two' is not a number, e.g. pbx:call-limit 1002 --in 2");
        assertCommand("pbx:call-limit 1002 --max 2", "Error: '--max' is not an option here; use --in N and/or --out N");
        assertCommand("pbx:call-limit 1002 --out", "Error: --out needs a number");
        assertCommand("pbx:dnd-list", "0 extension(s)");

        assertCommand("pbx:call-limit 1002 --in 2", "Call limits of 1002: in 2, out unlimited");
        assertCommand("pbx:call-limit 1002", "Call limits of 1002: in 2, out unlimited");
        assertCommand("pbx:call-limit --out 1 1004", "Call limits of 1004: in unlimited, out 1"); // Karaf's options-first form
        assertCommand("pbx:call-limit 1004 --out 0", "Call limits of 1004: in unlimited, out unlimited");
        assertCommand("pbx:callwaiting 1003 off", "Call waiting off for 1003");
        assertListed("1002\\W+off\\W+on\\W+0/2\\W+0/-");
        assertListed("1003\\W+off\\W+off\\W+0/-\\W+0/-");
        assertCommand("pbx:dnd-list", "2 extension(s)");
    }

    @Test
    public void settingsOutliveTheFeatureBeingRemovedAndInstalledAgain() throws Exception {
        assertCommand("pbx:dnd 1004 on", "DND on for 1004");
        features.uninstallFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        waitFor("the dnd call service gone", 30_000, () -> dndService() == null);
        assertCommand("pbx:dnd-list", "Command not found");
        features.installFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        waitFor("the dnd call service back", 30_000, () -> dndService() != null);
        waitFor("1004's DND read back from the database", 30_000,
                () -> listed("1004\\W+on\\W+on"));
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** Runs a console command and checks that it printed {@code expected}; shows the output when not. */
    /** True when a row of pbx:dnd-list starts with this (columns: extension, DND, call waiting, in now/max, out now/max). */
    private boolean listed(String row) {
        return Pattern.compile("(?m)^" + row).matcher(command("pbx:dnd-list")).find();
    }

    /** Waits up to 5 s for the row: the counts follow call events, which reach this bundle on the calls' strands. */
    private void assertListed(String row) throws InterruptedException {
        try {
            waitFor("row " + row, 5000, () -> listed(row));
        } catch (AssertionError e) {
            throw new AssertionError("no row " + row + " in\n" + command("pbx:dnd-list"), e);
        }
    }

    private Object dndService() {
        try {
            Collection<?> refs = bundleContext.getServiceReferences(CallService.class, "(" + CallService.NAME + "=dnd)");
            return refs.isEmpty() ? null : refs.iterator().next();
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Sipp caller(String scenario, String caller, String dialled, int port) {
        return sipp(scenario).user(caller, password(caller)).service(dialled).key("caller", caller).from("127.0.0.1", port).timeout(20);
    }

    private static Sipp.Running callee(String number, int port) throws Exception {
        return sipp("calls/uas-answer.xml").server().user(number, password(number)).from("127.0.0.1", port).timeout(25).start();
    }

    /** Waits until a call to {@code callee} is connected; on time-out kills the parties and shows what they saw. */
    private void waitForConnected(String callee, Sipp.Running... parties) throws Exception {
        try {
            waitFor("a connected call to " + callee, 10_000,
                    () -> calls.calls().stream().anyMatch(c -> c.callee().equals(callee) && c.state() == CallState.CONNECTED));
        } catch (AssertionError e) {
            StringBuilder all = new StringBuilder(e.getMessage());
            for (Sipp.Running p : parties) {
                p.kill();
                all.append('\n').append(p.await().messages());
            }
            throw new AssertionError(all.toString(), e);
        }
    }
}
