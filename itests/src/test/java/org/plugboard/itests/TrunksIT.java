package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
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
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrSink;

/**
 * SIP trunks between real SIPp peers and SIPp phones registered to the PBX. Peers call in from 127.0.0.4 (source
 * ports 16200-16209) and take calls out on the trunk's address 127.0.0.5:16210, so the profile resolver tells them
 * from the phones on 127.0.0.1 (ports from 16220). Relay ports 36000-36999.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TrunksIT extends PbxTestSupport {
    private static final AtomicInteger PHONE_PORTS = new AtomicInteger(16220);
    private static final Pattern CALL_ID = Pattern.compile("(?m)^Call-ID: *(\\S+)");
    private static final String PEER = "127.0.0.4";
    private static final String ADDRESS_HOST = "127.0.0.5";
    private static final int ADDRESS_PORT = 16210;
    private static final String ADDRESS = ADDRESS_HOST + ":" + ADDRESS_PORT;
    private static final String PBX = "127.0.0.1:" + SIP_PORT;

    @Inject
    @Filter(timeout = 60_000)
    CallControl injected;

    @Inject
    ConfigurationAdmin configAdmin;


    private final List<CallDetailRecord> cdrs = new CopyOnWriteArrayList<>();
    private final List<Configuration> configurations = new ArrayList<>();
    private ServiceRegistration<CdrSink> sink;

    @Override
    protected Option[] extraOptions() {
        return new Option[] {
            editConfigurationFilePut("etc/org.plugboard.registrar.cfg", "ban.allow", "127.0.0.1"),
            editConfigurationFilePut("etc/org.plugboard.media.cfg", "port.min", "36000"),
            editConfigurationFilePut("etc/org.plugboard.media.cfg", "port.max", "36999"),
        };
    }

    @Before
    public void trunksInstalledAndSink() throws Exception {
        ensureFeature(features, "pbx-trunks", "pbx:trunk-list", "trunk(s)");
        sink = collectCdrs(cdrs);
        command("pbx:sip-trace on");
    }

    @After
    public void removeTrunksAndCheckNoCallIsLeft() throws Exception {
        sink.unregister();
        for (Configuration c : configurations) {
            try {
                c.delete();
            } catch (IllegalStateException e) {
                // deleted by the test
            }
        }
        configurations.clear();
        waitFor("every trunk to be removed", 15_000, () -> command("pbx:trunk-list").contains("0 trunk(s)"));
        try {
            waitFor("the live-call list to be empty", 5000, () -> calls().calls().isEmpty());
        } catch (AssertionError e) {
            String left = calls().calls().toString();
            calls().calls().forEach(c -> calls().hangup(c.id(), CallTag.ADMIN_HANGUP));
            throw new AssertionError("calls left behind: " + left, e);
        }
    }

    @Test
    public void inboundTelUriFromAPeerGoesByDidTo1002AndConnects() throws Exception {
        trunk("in", Map.of("peers", PEER, "did", "+4930123456=1002"));
        int port = PHONE_PORTS.getAndIncrement();
        register("1002", port);
        try {
            Sipp.Running callee = callee("1002", port);
            Sipp.Result peer = callIn(16200, "tel:+4930123456", 300).run();
            passed("peer calling tel:+4930123456", peer);
            passed("1002", callee.await());
            CallDetailRecord cdr = cdrOf(peer);
            assertEquals(Disposition.ANSWERED, cdr.disposition());
            assertEquals("+4930999", cdr.caller());
            assertEquals("+4930123456", cdr.callee());
            assertTrue(cdr.answeredBy(), cdr.answeredBy().startsWith("1002@"));
            assertEquals(CallTag.CALLER_BYE, cdr.tag());
        } finally {
            unregister("1002", port);
        }
    }

    @Test
    public void outboundCallReachesThePeerAsNumberAtItsAddressWithTheCallerIdAndCounts() throws Exception {
        trunk("out", Map.of("address", ADDRESS, "prefix", "0", "caller.id", "+4930123456"));
        Sipp.Running peer = peerAnswering("5550001", "\\+4930123456");
        Sipp.Running phone = phone("calls/uac-call.xml", "05550001", 3000).start();
        waitForAnswered(1, phone, peer);
        String list = command("pbx:trunk-list");
        assertTrue(list, Pattern.compile("(?m)^out .*\\b0/- .*\\b1/-").matcher(list).find());
        Sipp.Result caller = phone.await();
        passed("phone 1001", caller);
        passed("trunk peer", peer.await());
        CallDetailRecord cdr = cdrOf(caller);
        assertEquals(Disposition.ANSWERED, cdr.disposition());
        assertEquals("1001", cdr.caller());
        assertEquals("05550001", cdr.callee());
        assertEquals(CallTag.CALLER_BYE, cdr.tag());
        waitFor("the outbound slot back", 5000, () -> Pattern.compile("(?m)^out .*\\b0/- .*\\b0/-").matcher(command("pbx:trunk-list")).find());
    }

    @Test
    public void twoInboundCallsConnectTheThirdAndEveryOutboundCallAreRefusedAndSlotsComeBack() throws Exception {
        trunk("lim", Map.of("peers", PEER, "address", ADDRESS, "prefix", "0", "max.inbound", "2", "max.outbound", "0",
                "did", "+4930100001=1002,+4930100002=1003"));
        int port2 = PHONE_PORTS.getAndIncrement();
        int port3 = PHONE_PORTS.getAndIncrement();
        register("1002", port2);
        register("1003", port3);
        try {
            // two inbound calls held up at the same time
            Sipp.Running callee2 = callee("1002", port2);
            Sipp.Running callee3 = callee("1003", port3);
            Sipp.Running first = callIn(16201, "sip:+4930100001@" + PBX, 6000).start();
            Sipp.Running second = callIn(16202, "sip:+4930100002@" + PBX, 6000).start();
            waitForAnswered(2, first, second);
            String list = command("pbx:trunk-list");
            assertTrue(list, Pattern.compile("(?m)^lim .*\\b2/2 .*\\b0/0").matcher(list).find());

            // the third: 503 Trunk Busy with the Q.850 cause, and its CDR
            Sipp.Result third = refusedIn(16203, "+4930100001");
            passed("third inbound call (refused)", third);
            assertRefusal(third, "max.inbound=2");

            // outbound: max.outbound=0 refuses every call
            Sipp.Result out = phone("calls/uac-expect-final.xml", "05550001", 0).expect(503).run();
            passed("outbound call (refused)", out);
            assertRefusal(out, "max.outbound=0");

            passed("first inbound call", first.await());
            passed("second inbound call", second.await());
            passed("1002", callee2.await());
            passed("1003", callee3.await());
            waitFor("both inbound slots back", 5000,
                    () -> Pattern.compile("(?m)^lim .*\\b0/2 .*\\b0/0").matcher(command("pbx:trunk-list")).find());

            // no leaked slot: a new inbound call connects again; outbound is still refused
            callee2 = callee("1002", port2);
            Sipp.Result again = callIn(16204, "sip:+4930100001@" + PBX, 300).run();
            passed("inbound call after the first two ended", again);
            passed("1002 again", callee2.await());
            assertEquals(Disposition.ANSWERED, cdrOf(again).disposition());
            out = phone("calls/uac-expect-final.xml", "05550002", 0).expect(503).run();
            passed("outbound call again (refused)", out);
            assertRefusal(out, "max.outbound=0");
        } finally {
            unregister("1002", port2);
            unregister("1003", port3);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** The refusal the caller got (503 Trunk Busy, Reason Q.850 cause 34) and the CDR that says why. */
    private void assertRefusal(Sipp.Result caller, String limit) throws Exception {
        Matcher status = Pattern.compile("(?m)^SIP/2.0 503 Trunk Busy").matcher(caller.messages());
        assertTrue(caller.messages(), status.find());
        assertTrue(caller.messages(), Pattern.compile("(?mi)^Reason: *Q\\.850 *; *cause=34 *;.*" + Pattern.quote(limit))
                .matcher(caller.messages()).find());
        CallDetailRecord cdr = cdrOf(caller);
        assertEquals(503, cdr.sipStatus());
        assertEquals(34, cdr.q850Cause());
        assertEquals(CallTag.SYSTEM, cdr.tag());
        assertEquals(Disposition.FAILED, cdr.disposition());
        assertTrue(cdr.reason(), cdr.reason().contains(limit));
    }

    private Sipp callIn(int sourcePort, String requestUri, int holdMillis) {
        return sipp("lines/carrier-call-in.xml").from(PEER, sourcePort).key("ruri", requestUri).key("to", "<" + requestUri + ">")
                .key("caller", "+4930999").key("hold_ms", Integer.toString(holdMillis)).timeout(20);
    }

    private Sipp.Result refusedIn(int sourcePort, String did) throws Exception {
        String uri = "sip:" + did + "@" + PBX;
        return sipp("lines/carrier-call-in-refused.xml").from(PEER, sourcePort).expect(503).key("ruri", uri)
                .key("to", "<" + uri + ">").key("caller", "+4930999").timeout(10).run();
    }

    private Sipp.Running callee(String number, int port) throws Exception {
        return sipp("calls/uas-answer.xml").server().user(number, password(number)).from("127.0.0.1", port).timeout(25).start();
    }

    private Sipp.Running peerAnswering(String number, String callerIdRegexp) throws Exception {
        return sipp("trunks/peer-answer.xml").server().from(ADDRESS_HOST, ADDRESS_PORT).service(number)
                .define("ADDRESS", ADDRESS).define("NUMBER", number).define("CALLER_ID", callerIdRegexp).timeout(20).start();
    }

    private Sipp phone(String scenario, String dialled, int holdMillis) {
        return sipp(scenario).user("1001", password("1001")).service(dialled).key("caller", "1001")
                .key("hold_ms", Integer.toString(holdMillis)).from("127.0.0.1", PHONE_PORTS.getAndIncrement()).timeout(20);
    }

    /** A trunk from a factory configuration; waits until pbx:trunk-list shows it. */
    private void trunk(String name, Map<String, Object> settings) throws Exception {
        Configuration c = configAdmin.getFactoryConfiguration("org.plugboard.trunks", name, "?");
        Hashtable<String, Object> p = new Hashtable<>(settings);
        p.put("name", name);
        c.update(p);
        configurations.add(c);
        waitFor("trunk " + name, 15_000, () -> Pattern.compile("(?m)^" + name + " ").matcher(command("pbx:trunk-list")).find());
    }

    /** Waits for {@code n} answered calls; otherwise stops the SIPp parties and fails with what they exchanged. */
    private void waitForAnswered(int n, Sipp.Running... parties) throws Exception {
        try {
            waitFor(n + " answered call(s)", 10_000, () -> calls().calls().stream().filter(c -> c.answered() != null).count() >= n);
        } catch (AssertionError e) {
            StringBuilder all = new StringBuilder(e.getMessage());
            for (Sipp.Running p : parties) {
                p.kill();
                all.append('\n').append(p.await().messages());
            }
            throw new AssertionError(all.toString(), e);
        }
    }

    private CallControl calls() {
        org.osgi.framework.ServiceReference<CallControl> ref = bundleContext.getServiceReference(CallControl.class);
        assertNotNull("no CallControl service", ref);
        return bundleContext.getService(ref);
    }

    private CallDetailRecord cdrOf(Sipp.Result caller) throws Exception {
        Matcher m = CALL_ID.matcher(caller.messages());
        assertTrue("no Call-ID in the messages", m.find());
        String callId = m.group(1);
        waitFor("the CDR of " + callId, 5000, () -> cdrs.stream().anyMatch(r -> r.callId().equals(callId)));
        return cdrs.stream().filter(r -> r.callId().equals(callId)).findFirst().orElseThrow();
    }
}
