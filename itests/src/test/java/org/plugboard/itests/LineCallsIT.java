package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Calls over external lines between real SIPp phones registered to the PBX and real SIPp carriers, each line a
 * factory configuration pointing at its carrier. Carriers listen on their own loopback addresses (127.0.0.2,
 * 127.0.0.3), so that the profile resolver tells them from the phones on 127.0.0.1. Lines are IP-authenticated
 * (register=false) so no REGISTER reaches a carrier scenario that expects an INVITE; the outbound INVITE is still
 * challenged and answered with the line's credentials. Ports: carriers 16101/16102, the inbound carrier 16120,
 * phones from 16140; relay ports 35000-35999.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LineCallsIT extends PbxTestSupport {
    private static final AtomicInteger PORTS = new AtomicInteger(16140);
    private static final Pattern CALL_ID = Pattern.compile("(?m)^Call-ID: *(\\S+)");
    private static final String CARRIER = "127.0.0.2";
    private static final String QUIRKY = "127.0.0.3";

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
            editConfigurationFilePut("etc/org.plugboard.media.cfg", "port.min", "35000"),
            editConfigurationFilePut("etc/org.plugboard.media.cfg", "port.max", "35999"),
        };
    }

    @Before
    public void installLinesAndSink() throws Exception {
        ensureFeature(features, "pbx-lines", "pbx:line-list", "line(s)");
        sink = collectCdrs(cdrs);
        command("pbx:sip-trace on"); // data/log/sip-trace.log of the exam folder, for a failed run
    }

    @After
    public void removeLinesAndCheckNoCallIsLeft() throws Exception {
        sink.unregister();
        for (Configuration c : configurations) {
            try {
                c.delete();
            } catch (IllegalStateException e) {
                // deleted by the test
            }
        }
        configurations.clear();
        waitFor("every line to be removed", 15_000, () -> command("pbx:line-list").contains("0 line(s)"));
        try {
            waitFor("the live-call list to be empty", 5000, () -> calls().calls().isEmpty());
        } catch (AssertionError e) {
            String left = calls().calls().toString();
            calls().calls().forEach(c -> calls().hangup(c.id(), CallTag.ADMIN_HANGUP));
            throw new AssertionError("calls left behind: " + left, e);
        }
    }

    // ---- outbound -------------------------------------------------------------------------------------------

    @Test
    public void outboundCallIsChallengedAnsweredWithTheLineCredentialsAndConnects() throws Exception {
        line("out", Map.of("domain", CARRIER + ":16101", "account", "0301234", "password", "linepw", "auth.id", "authuser",
                "caller.id", "0301234567", "prefix", "9"));
        Sipp.Running carrier = sipp("lines/carrier-challenge-answer.xml").server().from(CARRIER, 16101).service("5550001")
                .define("USER", "authuser").define("REALM", "carrier.test").define("DOMAIN", CARRIER + ":16101")
                .define("NUMBER", "5550001").define("CALLER_ID", "0301234567").timeout(20).start();
        Sipp.Result phone = phone("calls/uac-call.xml", "95550001", 1000).run();
        Sipp.Result provider = carrier.await();
        passed("phone 1001", phone);
        passed("carrier", provider);

        List<String> invites = received(provider, "INVITE");
        assertEquals(provider.messages(), 2, invites.size());
        assertEquals("same Call-ID", header(invites.get(0), "Call-ID"), header(invites.get(1), "Call-ID"));
        assertNotEquals("a new transaction", branch(invites.get(0)), branch(invites.get(1)));
        assertTrue(invites.get(1), digestValid(invites.get(1), "authuser", "linepw", "INVITE"));

        CallDetailRecord cdr = cdrOf(phone);
        assertEquals(Disposition.ANSWERED, cdr.disposition());
        assertEquals("1001", cdr.caller());
        assertEquals("95550001", cdr.callee()); // the number as dialled, out-group prefix included
        assertEquals(CallTag.CALLER_BYE, cdr.tag());
    }

    @Test
    public void theDigestCarriesTheLinePasswordNothingElse() throws Exception {
        line("bad", Map.of("domain", CARRIER + ":16101", "account", "0301234", "password", "wrong", "auth.id", "authuser",
                "caller.id", "0301234567", "prefix", "9"));
        // the carrier answers any authenticated INVITE; the digest check is the test's: with another password on the
        // line it must fail against the carrier's, so the check in the test above can fail
        Sipp.Running carrier = sipp("lines/carrier-challenge-answer.xml").server().from(CARRIER, 16101).service("5550001")
                .define("USER", "authuser").define("REALM", "carrier.test").define("DOMAIN", CARRIER + ":16101")
                .define("NUMBER", "5550001").define("CALLER_ID", "0301234567").timeout(20).start();
        Sipp.Result phone = phone("calls/uac-call.xml", "95550001", 200).run();
        Sipp.Result provider = carrier.await();
        passed("phone 1001", phone);
        List<String> invites = received(provider, "INVITE");
        assertEquals(2, invites.size());
        assertFalse(invites.get(1), digestValid(invites.get(1), "authuser", "linepw", "INVITE"));
        assertTrue(invites.get(1), digestValid(invites.get(1), "authuser", "wrong", "INVITE"));
    }

    @Test
    public void cancelAfterTheChallengeReachesTheAuthenticatedInviteAndASecondChallengeIs403() throws Exception {
        line("out", Map.of("domain", CARRIER + ":16101", "account", "0301234", "password", "linepw", "prefix", "9"));

        Sipp.Running carrier = sipp("lines/carrier-challenge-ring-cancel.xml").server().from(CARRIER, 16101).service("5550003")
                .define("REALM", "carrier.test").timeout(20).start();
        Sipp.Result phone = phone("calls/uac-cancel.xml", "95550003", 0).run();
        Sipp.Result provider = carrier.await();
        passed("phone 1001 cancelling", phone);
        passed("carrier", provider);
        List<String> invites = received(provider, "INVITE");
        List<String> cancels = received(provider, "CANCEL");
        assertEquals(2, invites.size());
        assertEquals(provider.messages(), 1, cancels.size());
        assertEquals("CANCEL in the authenticated INVITE's transaction", branch(invites.get(1)), branch(cancels.get(0)));
        assertEquals(Disposition.CANCELLED, cdrOf(phone).disposition());

        carrier = sipp("lines/carrier-challenges-twice.xml").server().from(CARRIER, 16101).service("5550004")
                .define("REALM", "carrier.test").timeout(20).start();
        phone = phone("calls/uac-expect-final.xml", "95550004", 0).expect(403).run();
        provider = carrier.await();
        passed("phone 1001 refused", phone);
        passed("carrier challenging twice", provider);
        assertEquals(2, received(provider, "INVITE").size());
        assertEquals(403, cdrOf(phone).sipStatus());
    }

    // ---- the 100rel carrier and the no100rel workaround, installed and removed under live calls -------------

    @Test
    public void no100relMakesTheQuirkyCarrierWorkAndComesAndGoesWithoutDroppingCalls() throws Exception {
        line("q", Map.of("domain", QUIRKY + ":16102", "account", "0309999", "password", "qpw", "prefix", "8"));
        Configuration workaround = configAdmin.getFactoryConfiguration("org.plugboard.interop.no100rel", "linecallsit", "?");
        workaround.update(new Hashtable<>(Map.of("plugboard.profiles", "line:q")));
        configurations.add(workaround);

        // 1. without the workaround: 183 requires 100rel, PRACK gets 405, the carrier rejects: the call fails
        Sipp.Running quirk = quirkyCarrier();
        Sipp.Result failed = phone("calls/uac-expect-final.xml", "85550001", 0).expect(500).run();
        passed("phone, call 1", failed);
        passed("carrier, call 1", quirk.await());
        assertEquals(Disposition.FAILED, cdrOf(failed).disposition());

        // 2. a call up on the line (a carrier that answers whatever is offered); the feature installed meanwhile
        Sipp.Running plain = sipp("lines/carrier-challenge-answer.xml").server().from(QUIRKY, 16102).service("5550002")
                .define("USER", "0309999").define("REALM", "carrier.test").define("DOMAIN", QUIRKY + ":16102")
                .define("NUMBER", "5550002").define("CALLER_ID", "0309999").timeout(25).start();
        Sipp.Running up = phone("calls/uac-call.xml", "85550002", 5000).start();
        waitForAnsweredCall(up, plain);
        install("pbx-interop-no100rel");
        waitFor("the no100rel rewriter", 10_000, () -> rewriterFor("line:q"));
        Sipp.Result upResult = up.await();
        Sipp.Result plainResult = plain.await();
        passed("phone, call 2 (feature installed while up)", upResult);
        passed("carrier, call 2", plainResult);
        assertTrue("call 2 offered 100rel", received(plainResult, "INVITE").get(0).contains("100rel"));
        assertEquals(CallTag.CALLER_BYE, cdrOf(upResult).tag());

        // 3. the next INVITE goes without 100rel: the quirky carrier connects; the feature is removed under this call
        quirk = quirkyCarrier();
        up = phone("calls/uac-call.xml", "85550003", 5000).start();
        waitForAnsweredCall(up, quirk);
        uninstall("pbx-interop-no100rel");
        waitFor("the no100rel rewriter to go", 10_000, () -> !rewriterFor("line:q"));
        upResult = up.await();
        Sipp.Result quirkResult = quirk.await();
        passed("phone, call 3 (feature uninstalled while up)", upResult);
        passed("carrier, call 3", quirkResult);
        assertFalse("call 3 offered no 100rel", received(quirkResult, "INVITE").get(0).contains("100rel"));
        CallDetailRecord third = cdrOf(upResult);
        assertEquals(Disposition.ANSWERED, third.disposition());
        assertEquals(CallTag.CALLER_BYE, third.tag());

        // 4. and the next INVITE offers 100rel again: the call fails as in 1
        quirk = quirkyCarrier();
        failed = phone("calls/uac-expect-final.xml", "85550004", 0).expect(500).run();
        passed("phone, call 4", failed);
        quirkResult = quirk.await();
        passed("carrier, call 4", quirkResult);
        assertTrue(received(quirkResult, "INVITE").get(0).contains("100rel"));
    }

    private Sipp.Running quirkyCarrier() throws IOException {
        return sipp("lines/carrier-100rel-prack-405.xml").server().from(QUIRKY, 16102).service("5550000").timeout(25).start();
    }

    /** Waits for the call to be up; otherwise stops both SIPp parties and fails with what they exchanged. */
    private void waitForAnsweredCall(Sipp.Running phone, Sipp.Running carrier) throws Exception {
        try {
            waitFor("the call to be answered", 10_000, () -> calls().calls().stream().anyMatch(c -> c.answered() != null));
        } catch (AssertionError e) {
            phone.kill();
            carrier.kill();
            throw new AssertionError(e.getMessage() + "\n" + phone.await().messages() + "\n" + carrier.await().messages(), e);
        }
    }

    // ---- inbound ----------------------------------------------------------------------------------------------

    @Test
    public void inboundCallsGoByDidToTheExtensionAndUnknownDidsGet404() throws Exception {
        line("in", Map.of("domain", CARRIER + ":16101", "account", "0301234", "password", "x",
                "did", "0123456=1002,+49301234567=1002"));
        String pbx = "127.0.0.1:" + SIP_PORT;

        // the DID in the Request-URI
        CallDetailRecord cdr = inbound("sip:0123456@" + pbx, "<sip:0123456@" + pbx + ">");
        assertEquals("+4930999", cdr.caller());
        assertEquals("0123456", cdr.callee());
        assertEquals(Disposition.ANSWERED, cdr.disposition());
        assertEquals(CallTag.CALLER_BYE, cdr.tag());

        // sent to the line's Contact (the account): the DID is the To user
        assertEquals("0123456", inbound("sip:0301234@" + pbx, "<sip:0123456@carrier.test>").callee());

        // a tel: Request-URI
        assertEquals("+49301234567", inbound("tel:+49301234567", "<tel:+49301234567>").callee());

        // an unknown DID, and an extension number dialled from outside: 404, nobody rung
        for (String number : List.of("0999999", "1002")) {
            Sipp.Result refused = sipp("lines/carrier-call-in-refused.xml").from(CARRIER, 16120).expect(404)
                    .key("ruri", "sip:" + number + "@" + pbx).key("to", "<sip:" + number + "@" + pbx + ">").key("caller", "+4930999")
                    .timeout(10).run();
            passed("carrier calling " + number, refused);
            CallDetailRecord r = cdrOf(refused);
            assertEquals(CallTag.ROUTING_FAILURE, r.tag());
            assertEquals(404, r.sipStatus());
        }
    }

    /** One inbound call from the carrier, answered by a SIPp device registered as 1002, hung up by the carrier. */
    private CallDetailRecord inbound(String requestUri, String to) throws Exception {
        int port = PORTS.getAndIncrement();
        register("1002", port);
        try {
            Sipp.Running callee = sipp("calls/uas-answer.xml").server().user("1002", password("1002")).from("127.0.0.1", port)
                    .timeout(20).start();
            Sipp.Result carrier = sipp("lines/carrier-call-in.xml").from(CARRIER, 16120).key("ruri", requestUri).key("to", to)
                    .key("caller", "+4930999").key("hold_ms", "300").timeout(15).run();
            Sipp.Result device = callee.await();
            passed("carrier calling " + requestUri, carrier);
            passed("1002", device);
            return cdrOf(carrier);
        } finally {
            unregister("1002", port);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private Sipp phone(String scenario, String dialled, int holdMillis) {
        return sipp(scenario).user("1001", password("1001")).service(dialled).key("caller", "1001")
                .key("hold_ms", Integer.toString(holdMillis)).from("127.0.0.1", PORTS.getAndIncrement()).timeout(20);
    }

    /** An IP-authenticated line (never registers) with quick retries; waits until it is resolved and running. */
    private void line(String name, Map<String, Object> settings) throws Exception {
        Configuration c = configAdmin.getFactoryConfiguration("org.plugboard.lines", name, "?");
        Hashtable<String, Object> p = new Hashtable<>(settings);
        p.put("name", name);
        p.put("register", false);
        c.update(p);
        configurations.add(c);
        waitFor("line " + name, 15_000, () -> command("pbx:line-status " + name).contains("registration off"));
    }

    private void install(String feature) throws Exception {
        features.installFeature(feature);
        assertTrue(feature, features.isInstalled(features.getFeature(feature)));
    }

    private void uninstall(String feature) throws Exception {
        features.uninstallFeature(feature);
        assertFalse(feature, features.isInstalled(features.getFeature(feature)));
    }

    private boolean rewriterFor(String profile) {
        try {
            return bundleContext.getServiceReferences("org.plugboard.api.sip.SipMessageRewriter",
                    "(plugboard.profiles=" + profile + ")") != null;
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
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

    /** The requests of a method a SIPp run received, whole, in order (from its -trace_msg log). */
    private static List<String> received(Sipp.Result r, String method) {
        List<String> out = new ArrayList<>();
        for (String block : r.messages().split("-{20,}")) {
            int at = block.indexOf("message received");
            if (at < 0) {
                continue;
            }
            String msg = block.substring(block.indexOf('\n', at) + 1).stripLeading();
            if (msg.startsWith(method + " ")) {
                out.add(msg);
            }
        }
        return out;
    }

    private static String header(String message, String name) {
        Matcher m = Pattern.compile("(?mi)^" + Pattern.quote(name) + ": *(.*?)\\s*$").matcher(message);
        return m.find() ? m.group(1) : null;
    }

    private static String branch(String message) {
        Matcher m = Pattern.compile("branch=([^;,\\s]+)").matcher(header(message, "Via"));
        return m.find() ? m.group(1) : null;
    }

    /** Checks the Proxy-Authorization of a request as the carrier would (RFC 2617 MD5, qop=auth). */
    private static boolean digestValid(String request, String user, String password, String method) throws Exception {
        String auth = header(request, "Proxy-Authorization");
        assertNotNull(request, auth);
        Map<String, String> p = new HashMap<>();
        Matcher m = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))").matcher(auth);
        while (m.find()) {
            p.put(m.group(1).toLowerCase(), m.group(2) != null ? m.group(2) : m.group(3));
        }
        assertEquals(auth, user, p.get("username"));
        String ha1 = md5(user + ":" + p.get("realm") + ":" + password);
        String ha2 = md5(method + ":" + p.get("uri"));
        String expected = p.get("qop") == null ? md5(ha1 + ":" + p.get("nonce") + ":" + ha2)
                : md5(ha1 + ":" + p.get("nonce") + ":" + p.get("nc") + ":" + p.get("cnonce") + ":" + p.get("qop") + ":" + ha2);
        return expected.equals(p.get("response"));
    }

    private static String md5(String s) throws Exception {
        byte[] d = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
        return String.format("%032x", new BigInteger(1, d));
    }
}
