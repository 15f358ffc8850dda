package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;

import javax.inject.Inject;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.plugboard.api.calls.CallControl;

/**
 * SIP over TLS against the real distribution with the real SIPp (over TCP through socat, which carries it over TLS:
 * Debian's SIPp is built without TLS): registering (also with sips: URIs), a call
 * from a TLS phone to a UDP phone, and a certificate renewed on disk during a TLS call: the next connection gets
 * the new certificate (checked by a plain JSSE handshake) while the call's own connection carries its BYE.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TlsIT extends PbxTestSupport {
    static final int TLS_PORT = 15061;
    /** Key files the PBX is configured with; the tests replace them. Absolute: the container's working folder differs. */
    static final Path DIR = Path.of("target/tls-it").toAbsolutePath();

    @Inject
    @Filter(timeout = 60_000)
    CallControl calls;

    @Override
    protected Option[] extraOptions() {
        try {
            Files.createDirectories(DIR);
            install("a");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Option[] {
            editConfigurationFilePut("etc/org.plugboard.sip.cfg", "tls.port", Integer.toString(TLS_PORT)),
            editConfigurationFilePut("etc/org.plugboard.sip.cfg", "tls.certificate", DIR.resolve("sip.crt").toString()),
            editConfigurationFilePut("etc/org.plugboard.sip.cfg", "tls.private.key", DIR.resolve("sip.key").toString()),
            editConfigurationFilePut("etc/org.plugboard.sip.cfg", "tls.reload.interval", "1"),
            editConfigurationFilePut("etc/org.plugboard.registrar.cfg", "ban.allow", "127.0.0.1"),
            systemProperty("tls.it.dir").value(DIR.toString()),
        };
    }

    @Test
    public void listensOnTlsAndSaysWithWhichCertificate() throws Exception {
        waitFor("TLS listening", 30_000, () -> command("pbx:sip-stats").toUpperCase().contains("TLS 127.0.0.1:" + TLS_PORT));
        install("a"); // the tests share the PBX and run in any order
        waitFor("certificate A served", 10_000, () -> "A".equals(servedSerial()));
        assertCommand("pbx:sip-tls", "TLS on port " + TLS_PORT);
        assertCommand("pbx:sip-tls", "serial A");
    }

    @Test
    public void aTlsPhoneRegistersWithSipAndSipsUrisAndCallsAUdpPhone() throws Exception {
        waitFor("TLS listening", 30_000, () -> command("pbx:sip-stats").toUpperCase().contains("TLS 127.0.0.1:" + TLS_PORT));
        passed("REGISTER over TLS", tls(sipp("register.xml").user("1001", password("1001")).from("127.0.0.1", 17611)).run());
        passed("REGISTER with sips: URIs over TLS",
                tls(sipp("tls/register-sips.xml").user("1001", password("1001")).from("127.0.0.1", 17612)).run());

        register("1002", 17601);
        Sipp.Running callee = sipp("calls/uas-answer.xml").server().user("1002", password("1002")).from("127.0.0.1", 17601)
                .timeout(25).start();
        Sipp.Result caller = tls(sipp("calls/uac-call.xml").user("1001", password("1001")).service("1002").key("caller", "1001")
                .key("hold_ms", "500").from("127.0.0.1", 17613).timeout(20)).run();
        passed("TLS caller", caller);
        passed("UDP callee", callee.await());
        unregister("1002", 17601);
        assertNoCallLeftBehind(calls);
    }

    @Test
    public void aCertificateRenewedDuringACallReachesTheNextConnectionAndTheCallStaysUp() throws Exception {
        waitFor("TLS listening", 30_000, () -> command("pbx:sip-stats").toUpperCase().contains("TLS 127.0.0.1:" + TLS_PORT));
        install("a");
        waitFor("certificate A served", 10_000, () -> "A".equals(servedSerial()));

        register("1002", 17602);
        Sipp.Running callee = sipp("calls/uas-answer.xml").server().user("1002", password("1002")).from("127.0.0.1", 17602)
                .timeout(40).start();
        Sipp.Running caller = tls(sipp("calls/uac-call.xml").user("1001", password("1001")).service("1002").key("caller", "1001")
                .key("hold_ms", "8000").from("127.0.0.1", 17614).timeout(35)).start();
        waitFor("the TLS call answered", 15_000, () -> calls.calls().stream().anyMatch(c -> c.answered() != null));

        install("b"); // what certbot does on renewal: new files in place
        waitFor("the renewed certificate B served to a new connection", 10_000, () -> "B".equals(servedSerial()));
        assertEquals("the call is still up while the renewal is served", 1, calls.calls().size());
        assertCommand("pbx:sip-tls", "serial B");

        passed("TLS caller (its BYE on the connection opened before the renewal)", caller.await());
        passed("UDP callee", callee.await());
        unregister("1002", 17602);
        assertNoCallLeftBehind(calls);
    }

    /** SIPp as a TLS phone (through socat: Debian's SIPp has no TLS, see {@link Sipp#tls}). */
    private static Sipp tls(Sipp s) {
        return s.tls(TLS_PORT);
    }

    /** Puts the test pair {@code name} in place of the configured files, each by an atomic move (as renewal tools do). */
    private static void install(String name) throws IOException {
        Path dir = System.getProperty("tls.it.dir") == null ? DIR : Path.of(System.getProperty("tls.it.dir"));
        for (String ext : new String[] {"key", "crt"}) {
            Path tmp = dir.resolve(".sip." + ext + ".tmp");
            Files.copy(Path.of(System.getProperty("itest.resources"), "tls", name + "." + ext), tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, dir.resolve("sip." + ext), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** The serial of the certificate a fresh TLS connection to the PBX is served (a JSSE handshake; not trusted, read). */
    private static String servedSerial() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new AcceptAny()}, null);
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), TLS_PORT)) {
                s.setSoTimeout(5000);
                s.startHandshake();
                return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber().toString(16).toUpperCase();
            }
        } catch (Exception e) {
            return "no handshake: " + e;
        }
    }

    private static final class AcceptAny implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
