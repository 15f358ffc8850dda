package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * A trunk with {@code transport = TLS} toward real peers over TLS: SIPp (TCP) behind a socat TLS server
 * ({@link TlsPeer}) on 127.0.0.6:15071 with a certificate the test makes and the PBX trusts through
 * {@code tls.ca.certificates}; a SIPp phone (1001, UDP) dials the trunk's prefix, the peer answers, the phone hangs up.
 * A second peer on 127.0.0.7:15072 has a certificate the PBX does not trust: its call fails at once with a 503 naming
 * the certificate (before, the RI only dropped the connection and the caller waited 32 s for a 408), and the CDR,
 * {@code pbx:trunk-list} and {@code pbx:sip-tls} name it; a line registering there fails at once the same way. A trunk
 * toward a TLS port where nothing listens fails its call at once with a 503 that says so.
 * A line with {@code transport = TLS} registers (digest) to a SIPp registrar behind the same kind of TLS server, and
 * a call goes out over another such line to a SIPp provider behind one, is answered and ended.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TlsTrunkIT extends PbxTestSupport {
    private static final int TLS_PORT = 15062;
    private static final Path DIR = Path.of("target/tls-trunk-it").toAbsolutePath();
    private static final String PEER = "127.0.0.6";
    private static final int PEER_TLS = 15071;
    private static final int PEER_TCP = 15081;
    private static final String UNTRUSTED = "127.0.0.7";
    private static final int UNTRUSTED_TLS = 15072;
    private static final int REGISTRAR_TLS = 15073;
    private static final int REGISTRAR_TCP = 15083;
    private static final int SILENT_TLS = 15074;
    private static final int LINE_TLS = 15075;
    private static final int LINE_TCP = 15085;
    /** A transport failure must end the call this fast; the INVITE's timer B (32 s) was how it ended before. */
    private static final Duration AT_ONCE = Duration.ofSeconds(5);
    private static final Pattern CALL_ID = Pattern.compile("(?m)^Call-ID: *(\\S+)");

    @Inject
    @Filter(timeout = 60_000)
    CallControl calls;

    @Inject
    ConfigurationAdmin configAdmin;

    private final List<CallDetailRecord> cdrs = new CopyOnWriteArrayList<>();
    private ServiceRegistration<CdrSink> sink;
    private Configuration trunk;
    private Configuration line;

    @Override
    protected Option[] extraOptions() {
        try {
            Files.createDirectories(DIR);
            // the peer's self-signed certificate is the one CA the PBX trusts; the other peer's is not
            Path trusted = TlsPeer.makeCertificate(DIR, "peer", "trunk-peer.test", PEER);
            TlsPeer.makeCertificate(DIR, "untrusted", "untrusted-peer.test", UNTRUSTED);
            String res = System.getProperty("itest.resources") + "/tls/";
            return new Option[] {
                editConfigurationFilePut("etc/org.plugboard.sip.cfg", "tls.port", Integer.toString(TLS_PORT)),
                editConfigurationFilePut("etc/org.plugboard.sip.cfg", "tls.certificate", res + "a.crt"),
                editConfigurationFilePut("etc/org.plugboard.sip.cfg", "tls.private.key", res + "a.key"),
                editConfigurationFilePut("etc/org.plugboard.sip.cfg", "tls.ca.certificates", trusted.toString()),
                editConfigurationFilePut("etc/org.plugboard.registrar.cfg", "ban.allow", "127.0.0.1"),
                systemProperty("tls.trunk.it.dir").value(DIR.toString()),
            };
        } catch (Exception e) {
            throw new IllegalStateException("could not make the peers' certificates", e);
        }
    }

    @Before
    public void trunksAndTlsUp() throws Exception {
        ensureFeature(features, "pbx-trunks", "pbx:trunk-list", "trunk(s)");
        ensureFeature(features, "pbx-lines", "pbx:line-list", "line(s)");
        waitFor("TLS listening", 30_000, () -> command("pbx:sip-stats").toUpperCase().contains("TLS 127.0.0.1:" + TLS_PORT));
        sink = collectCdrs(cdrs);
    }

    @After
    public void removeTrunk() throws Exception {
        sink.unregister();
        if (trunk != null) {
            trunk.delete();
            waitFor("the trunk removed", 15_000, () -> command("pbx:trunk-list").contains("0 trunk(s)"));
        }
        if (line != null) {
            line.delete();
            waitFor("the line removed", 15_000, () -> command("pbx:line-list").contains("0 line(s)"));
        }
        assertNoCallLeftBehind(calls);
    }

    @Test
    public void aCallOverATlsTrunkIsAnsweredAndEndedAndCounted() throws Exception {
        trunk("tlspeer", PEER + ":" + PEER_TLS, "9");
        Sipp.Running peer = sipp("trunks/peer-answer-tls.xml").server().tcp().from(PEER, PEER_TCP).service("5550001")
                .define("ADDRESS", PEER + ":" + PEER_TLS).define("NUMBER", "5550001").timeout(20).start();
        PbxTestSupport.waitFor("SIPp listening on TCP " + PEER + ":" + PEER_TCP, 10_000, () -> TlsPeer.listening(PEER, PEER_TCP));
        try (TlsPeer tls = TlsPeer.start(dir(), "peer", PEER, PEER_TLS, PEER_TCP)) {
            Sipp.Running phone = phone("calls/uac-call.xml", "95550001").key("hold_ms", "2000").start();
            try {
                waitFor("the call over TLS answered", 10_000, () -> calls.calls().stream().anyMatch(c -> c.answered() != null));
            } catch (AssertionError e) {
                phone.kill();
                peer.kill();
                throw new AssertionError(e.getMessage() + "\n" + phone.await().messages() + "\n" + peer.await().messages(), e);
            }
            String list = command("pbx:trunk-list");
            assertTrue(list, Pattern.compile("(?m)^tlspeer .*" + PEER + ":" + PEER_TLS + "/TLS.*\\b1/-").matcher(list).find());
            Sipp.Result caller = phone.await();
            passed("phone 1001", caller);
            passed("TLS trunk peer", peer.await());
            CallDetailRecord cdr = cdrOf(caller);
            assertEquals(Disposition.ANSWERED, cdr.disposition());
            assertEquals("95550001", cdr.callee());
            assertEquals(CallTag.CALLER_BYE, cdr.tag());
        }
    }

    @Test
    public void aPeerWhoseCertificateIsNotTrustedFailsTheCallAtOnceAndIsNamed() throws Exception {
        trunk("badpeer", UNTRUSTED + ":" + UNTRUSTED_TLS, "8");
        // nothing behind socat: the handshake is refused before it would connect on
        try (TlsPeer tls = TlsPeer.start(dir(), "untrusted", UNTRUSTED, UNTRUSTED_TLS, PEER_TCP + 1)) {
            // the caller's 503 names the refused certificate; before, the RI only dropped the connection and the
            // caller got 408 when the INVITE's timer B fired, 32 s later
            Sipp.Result caller = phone("calls/uac-expect-final.xml", "85550002").expect(503).timeout(20).start().await();
            passed("phone 1001 (503 expected)", caller);
            assertTrue(caller.messages(), Pattern.compile("(?m)^SIP/2.0 503 TLS peer certificate not trusted: .*CN=untrusted-peer\\.test")
                    .matcher(caller.messages()).find());
            CallDetailRecord cdr = cdrOf(caller);
            assertEquals(Disposition.FAILED, cdr.disposition());
            assertEquals(503, cdr.sipStatus());
            assertTrue(cdr.reason(), cdr.reason().contains("TLS peer certificate not trusted") && cdr.reason().contains("untrusted-peer.test"));
            assertFast(cdr);
            waitFor("pbx:trunk-list to show the failure and the fix", 5_000, () -> command("pbx:trunk-list")
                    .contains("TLS peer certificate not trusted: put the CA certificate of the trunk's peer in tls.ca.certificates"));
            String tlsStatus = command("pbx:sip-tls");
            assertTrue(tlsStatus, tlsStatus.contains("untrusted-peer.test") && tlsStatus.contains("not trusted")
                    && tlsStatus.contains("tls.ca.certificates"));
        }
    }

    @Test
    public void aTlsPeerThatDoesNotListenFailsTheCallAtOnceAndIsNamed() throws Exception {
        trunk("deadpeer", UNTRUSTED + ":" + SILENT_TLS, "7");
        Sipp.Result caller = phone("calls/uac-expect-final.xml", "75550003").expect(503).timeout(20).start().await();
        passed("phone 1001 (503 expected)", caller);
        assertTrue(caller.messages(), caller.messages().contains(
                "Cannot connect to " + UNTRUSTED + ":" + SILENT_TLS + " over TLS: connection refused"));
        CallDetailRecord cdr = cdrOf(caller);
        assertEquals(503, cdr.sipStatus());
        assertTrue(cdr.reason(), cdr.reason().contains("connection refused"));
        assertFast(cdr);
    }

    @Test
    public void aLineWhoseTlsRegistrarIsNotTrustedFailsAtOnceAndSaysWhy() throws Exception {
        try (TlsPeer tls = TlsPeer.start(dir(), "untrusted", UNTRUSTED, UNTRUSTED_TLS, PEER_TCP + 1)) {
            line = configAdmin.getFactoryConfiguration("org.plugboard.lines", "badline", "?");
            line.update(new Hashtable<>(Map.of("name", "badline", "domain", UNTRUSTED + ":" + UNTRUSTED_TLS, "transport", "TLS",
                    "account", "acct", "password", "pw", "expires", 600)));
            // far below the REGISTER's 32 s timer F, which was the only way the line learnt of it before
            waitFor("line badline FAILING with the refused certificate", 8_000, () -> {
                String status = command("pbx:line-status badline");
                return Pattern.compile("(?m)^state\\s+FAILING").matcher(status).find()
                        && status.contains("503 TLS peer certificate not trusted: CN=untrusted-peer.test");
            });
            String list = command("pbx:line-list");
            assertTrue(list, list.contains("put the CA certificate of the line's provider in tls.ca.certificates"));
            String status = command("pbx:line-status badline");
            // retried later like any failure, not at once (no flood of handshakes)
            assertTrue(status, Pattern.compile("(?m)^next REGISTER in\\s+[1-9]\\d* s").matcher(status).find());
        }
    }

    @Test
    public void aLineRegistersOverTlsWithDigestAuthentication() throws Exception {
        // a digest registrar (REGISTER -> 401 -> REGISTER with Authorization -> 200), on TCP behind the TLS server
        Sipp.Running registrar = sipp("lines/registrar-rejects-uri-params.xml").server().tcp().from(PEER, REGISTRAR_TCP)
                .define("USER", "tlsacct").define("PASSWORD", "tlspw").define("REALM", "tls.test").timeout(20).start();
        PbxTestSupport.waitFor("SIPp listening on TCP " + PEER + ":" + REGISTRAR_TCP, 10_000, () -> TlsPeer.listening(PEER, REGISTRAR_TCP));
        try (TlsPeer tls = TlsPeer.start(dir(), "peer", PEER, REGISTRAR_TLS, REGISTRAR_TCP)) {
            line = configAdmin.getFactoryConfiguration("org.plugboard.lines", "tlsline", "?");
            line.update(new Hashtable<>(Map.of("name", "tlsline", "domain", PEER + ":" + REGISTRAR_TLS, "transport", "TLS",
                    "account", "tlsacct", "password", "tlspw", "expires", 600)));
            try {
                waitFor("line tlsline REGISTERED", 10_000,
                        () -> Pattern.compile("(?m)^state\\s+REGISTERED").matcher(command("pbx:line-status tlsline")).find());
            } catch (AssertionError e) {
                registrar.kill();
                throw new AssertionError(e.getMessage() + "\n" + command("pbx:line-status tlsline") + "\n" + registrar.await().messages(), e);
            }
            Sipp.Result r = registrar.await();
            passed("TLS registrar", r);
            assertTrue(r.messages(), Pattern.compile("(?m)^Via: SIP/2.0/TLS ").matcher(r.messages()).find());
            assertTrue(r.messages(), r.messages().contains("Authorization: Digest"));
        }
    }

    @Test
    public void aCallGoesOutOverATlsLineAndIsAnsweredAndEnded() throws Exception {
        Sipp.Running peer = sipp("trunks/peer-answer-tls.xml").server().tcp().from(PEER, LINE_TCP).service("5550004")
                .define("ADDRESS", PEER + ":" + LINE_TLS).define("NUMBER", "5550004").timeout(20).start();
        PbxTestSupport.waitFor("SIPp listening on TCP " + PEER + ":" + LINE_TCP, 10_000, () -> TlsPeer.listening(PEER, LINE_TCP));
        try (TlsPeer tls = TlsPeer.start(dir(), "peer", PEER, LINE_TLS, LINE_TCP)) {
            line = configAdmin.getFactoryConfiguration("org.plugboard.lines", "tlsout", "?");
            line.update(new Hashtable<>(Map.of("name", "tlsout", "domain", PEER + ":" + LINE_TLS, "transport", "TLS",
                    "account", "tlsout", "password", "tlspw", "register", false, "prefix", "6")));
            waitFor("line tlsout", 15_000, () -> command("pbx:line-status tlsout").contains("registration off"));
            Sipp.Running phone = phone("calls/uac-call.xml", "65550004").key("hold_ms", "2000").start();
            try {
                waitFor("the call over the TLS line answered", 10_000, () -> calls.calls().stream().anyMatch(c -> c.answered() != null));
            } catch (AssertionError e) {
                phone.kill();
                peer.kill();
                throw new AssertionError(e.getMessage() + "\n" + phone.await().messages() + "\n" + peer.await().messages(), e);
            }
            Sipp.Result caller = phone.await();
            passed("phone 1001", caller);
            passed("provider over TLS", peer.await());
            CallDetailRecord cdr = cdrOf(caller);
            assertEquals(Disposition.ANSWERED, cdr.disposition());
            assertEquals("65550004", cdr.callee());
            assertEquals(CallTag.CALLER_BYE, cdr.tag());
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** The key files' folder, also inside the container (whose working folder differs). */
    private static Path dir() {
        String d = System.getProperty("tls.trunk.it.dir");
        return d == null ? DIR : Path.of(d);
    }

    /** An outbound-only TLS trunk to {@code address} taken by {@code prefix}; waits until the list shows it. */
    private void trunk(String name, String address, String prefix) throws Exception {
        trunk = configAdmin.getFactoryConfiguration("org.plugboard.trunks", name, "?");
        trunk.update(new Hashtable<>(Map.of("name", name, "address", address, "transport", "TLS", "prefix", prefix)));
        waitFor("trunk " + name, 15_000, () -> Pattern.compile("(?m)^" + name + " ").matcher(command("pbx:trunk-list")).find());
    }

    private static Sipp phone(String scenario, String dialled) {
        return sipp(scenario).user("1001", password("1001")).service(dialled).key("caller", "1001").key("hold_ms", "0")
                .from("127.0.0.1", 16240).timeout(20);
    }

    /** The call ended within {@link #AT_ONCE} of its INVITE. */
    private static void assertFast(CallDetailRecord cdr) {
        Duration took = Duration.between(cdr.start(), cdr.end());
        assertTrue("the call took " + took + " to fail", took.compareTo(AT_ONCE) < 0);
    }

    private CallDetailRecord cdrOf(Sipp.Result caller) throws Exception {
        Matcher m = CALL_ID.matcher(caller.messages());
        assertTrue("no Call-ID in the messages", m.find());
        String callId = m.group(1);
        waitFor("the CDR of " + callId, 5000, () -> cdrs.stream().anyMatch(r -> r.callId().equals(callId)));
        return cdrs.stream().filter(r -> r.callId().equals(callId)).findFirst().orElseThrow();
    }
}
