package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrSink;

/**
 * Call pickup by feature code (pbx-groups installed into the running distribution, its pickup router and the core's
 * pickup): SIPp 1001 calls 1002, whose SIPp device only rings; 1003 (in 1002's pickup group) dials {@code *8} and takes
 * the call: 1001 and 1003 get 200 through the media relay, 1002 gets CANCEL with {@code Reason: SIP;cause=200;
 * text="Call completed elsewhere"}, and the call's only record says PICKED_UP with 1003 as final callee. Then directed
 * pickup ({@code **1002}) by 1004, in no pickup group, and {@code *8} with nothing ringing: 480 No call to pick up.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PickupIT extends PbxTestSupport {
    /** SIP client ports of this class: 15600-15699. */
    private static final AtomicInteger PORTS = new AtomicInteger(15600);
    private static final String FEATURE = "pbx-groups";


    @Inject
    @Filter(timeout = 60_000)
    protected CallControl calls;

    private final List<CallDetailRecord> cdrs = new CopyOnWriteArrayList<>();
    private ServiceRegistration<CdrSink> sink;

    @Override
    protected Option[] extraOptions() {
        return new Option[] {editConfigurationFilePut("etc/org.plugboard.registrar.cfg", "ban.allow", "127.0.0.1")};
    }

    @Before
    public void pickupGroup() throws Exception {
        command("pbx:sip-trace on");
        ensureFeature(features, FEATURE, "pbx:pickup-group", "pickup group(s)");
        String set = command("pbx:pickup-group floor1 1002 1003");
        assertTrue(set, set.contains("Pickup group floor1: 1002, 1003"));
        sink = collectCdrs(cdrs);
    }

    @After
    public void noCallLeftBehind() throws Exception {
        command("pbx:pickup-group floor1 --remove");
        if (sink != null) {
            sink.unregister();
        }
        try {
            waitFor("the live-call list to be empty", 5000, () -> calls.calls().isEmpty());
        } catch (AssertionError e) {
            String left = calls.calls().toString();
            calls.calls().forEach(c -> calls.hangup(c.id(), CallTag.ADMIN_HANGUP));
            throw new AssertionError("calls left behind: " + left, e);
        }
    }

    @Test
    public void groupPickupTakesTheCallRingingAtAPeer() throws Exception {
        picksUp("1003", "*8");
    }

    @Test
    public void directedPickupTakesTheCallRingingAtThatExtension() throws Exception {
        picksUp("1004", "**1002");
    }

    @Test
    public void nothingRingingIs480NoCallToPickUp() throws Exception {
        Sipp.Result carol = sipp("calls/uac-expect-final.xml").expect(480).user("1003", password("1003")).service("*8").key("caller", "1003")
                .from("127.0.0.1", PORTS.getAndIncrement()).timeout(15).run();
        passed("1003 dialling *8 with nothing ringing", carol);
        assertTrue(carol.messages(), carol.messages().contains("SIP/2.0 480 No call to pick up"));
        assertTrue(carol.messages(), carol.messages().contains("Reason: Q.850;cause=18;text=\"No call ringing at 1002 to pick up\""));
        CallDetailRecord cdr = cdrOf(cdrs, carol);
        assertEquals(List.of("1003", "*8", "CALLEE_UNREACHABLE"), List.of(cdr.caller(), cdr.callee(), cdr.tag().name()));
    }

    /**
     * 1001 calls 1002, whose device rings until cancelled; {@code picker} dials {@code code} and talks to 1001 (the
     * picker hangs up after 1.5 s, 1001 gets the BYE).
     */
    private void picksUp(String picker, String code) throws Exception {
        int bobPort = PORTS.getAndIncrement();
        register("1002", bobPort);
        Sipp.Result bob;
        Sipp.Result alice;
        Sipp.Result carol;
        try {
            Sipp.Running ringing = sipp("calls/uas-ring-no-answer.xml").server().user("1002", password("1002")).from("127.0.0.1", bobPort)
                    .timeout(25).start();
            Sipp.Running caller = sipp("calls/uac-call-callee-hangs-up.xml").user("1001", password("1001")).service("1002").key("caller", "1001")
                    .from("127.0.0.1", PORTS.getAndIncrement()).timeout(25).start();
            waitFor("1002 to ring", 10_000, () -> calls.calls().stream().anyMatch(c -> c.state() == CallState.RINGING));
            int pickerPort = PORTS.getAndIncrement();
            carol = sipp("calls/uac-call.xml").user(picker, password(picker)).service(code).key("caller", picker).key("hold_ms", "1500")
                    .from("127.0.0.1", pickerPort).timeout(25).run();
            alice = caller.await();
            bob = ringing.await();
            passed(picker + " dialling " + code + " (200 with SDP, ACK, BYE after 1.5 s)", carol);
            passed("1001 (200 once picked up, then BYE from the PBX)", alice);
            passed("1002 (rings, then CANCEL)", bob);
            CallDetailRecord cdr = cdrOf(cdrs, alice);
            assertEquals(List.of("1001", "1002", picker, "PICKED_UP"), List.of(cdr.caller(), cdr.callee(), cdr.finalCallee(), cdr.tag().name()));
            assertTrue(cdr.answeredBy(), cdr.answeredBy().equals(picker + "@127.0.0.1:" + pickerPort));
            assertEquals("the pickup attempt leaves no record of its own: " + cdrs, 1, cdrs.size());
        } finally {
            unregister("1002", bobPort);
        }
        Matcher cancel = Pattern.compile("(?ms)^CANCEL sip:.*?(?=^-{10,}|\\z)").matcher(bob.messages());
        assertTrue("no CANCEL to 1002:\n" + bob.messages(), cancel.find());
        assertTrue(cancel.group(), cancel.group().contains("Reason: SIP;cause=200;text=\"Call completed elsewhere\""));
        relayed("1001's 200", alice);
        relayed("the picker's 200", carol);
    }

    /** The SDP of the 200 a party received names the relay (ports 20000-29999), not the other party. */
    private static void relayed(String what, Sipp.Result r) {
        Matcher m = Pattern.compile("(?s)SIP/2.0 200 OK.*?CSeq: *\\d+ INVITE.*?m=audio (\\d+)").matcher(r.messages());
        assertTrue(what + ": no 200 with SDP:\n" + r.messages(), m.find());
        int port = Integer.parseInt(m.group(1));
        assertTrue(what + " names the relay, port " + port, port >= 20000 && port <= 29999);
    }
}
