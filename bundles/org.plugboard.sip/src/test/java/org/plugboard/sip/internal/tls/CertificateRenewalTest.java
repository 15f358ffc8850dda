package org.plugboard.sip.internal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Instant;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A renewal on disk reaches the next handshake while an established connection keeps working, through a real
 * JSSE server built the way the RI builds its TLS listening point (one SSLContext from {@link SipTls}'s managers).
 */
class CertificateRenewalTest {
    @TempDir
    Path dir;
    private final SipTls tls = new SipTls();
    private SSLServerSocket server;

    @AfterEach
    void stop() throws Exception {
        tls.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theNextConnectionGetsTheRenewedCertificateAndTheOpenOneStays() throws Exception {
        install("a");
        assertTrue(tls.apply(TlsSettings.of(5061, dir.resolve("sip.crt").toString(), dir.resolve("sip.key").toString(), "", "", "", 0)),
                "TLS coming on changes what listens");
        assertEquals(5061, tls.port());
        startEchoServer();

        try (SSLSocket first = connect()) {
            assertEquals("A", servedSerial(first));
            assertEquals("ping1", echo(first, "ping1"));

            install("b");
            assertTrue(tls.checkForRenewal(), "the changed files were loaded");
            assertFalse(tls.checkForRenewal(), "unchanged files are not loaded again");

            try (SSLSocket second = connect()) {
                assertEquals("B", servedSerial(second));
                assertEquals("ping2", echo(second, "ping2"));
            }
            assertEquals("ping3", echo(first, "ping3"), "the connection opened before the renewal still works");
            assertEquals("A", servedSerial(first));
        }
    }

    @Test
    void aHalfWrittenRenewalKeepsTheServedCertificateUntilBothFilesMatch() throws Exception {
        install("a");
        tls.apply(TlsSettings.of(5061, dir.resolve("sip.crt").toString(), dir.resolve("sip.key").toString(), "", "", "", 0));
        startEchoServer();

        copy("b.crt", "sip.crt"); // the key of the renewal is not written yet
        assertFalse(tls.checkForRenewal());
        assertTrue(tls.problem().contains("cannot be loaded") && tls.problem().contains("serial A"), tls.problem());
        try (SSLSocket s = connect()) {
            assertEquals("A", servedSerial(s));
        }
        copy("b.key", "sip.key");
        assertTrue(tls.checkForRenewal());
        assertNull(tls.problem(), "a renewal that loads clears the problem");
        try (SSLSocket s = connect()) {
            assertEquals("B", servedSerial(s));
        }
    }

    @Test
    void noCertificateMeansNoTlsWithTheReason() {
        assertFalse(tls.apply(TlsSettings.of(5061, "", "", "", "", "", 60)));
        assertEquals(0, tls.port());
        assertNull(tls.serving());
        assertTrue(tls.offReason().contains("no certificate configured"), tls.offReason());
        assertNull(tls.problem(), "TLS left off on purpose is no configuration problem");
    }

    @Test
    void unreadableKeyMaterialTurnsTlsOffNamingTheFile() throws Exception {
        copy("a.crt", "sip.crt");
        Files.writeString(dir.resolve("sip.key"), "not a key");
        tls.apply(TlsSettings.of(5061, dir.resolve("sip.crt").toString(), dir.resolve("sip.key").toString(), "", "", "", 60));
        assertEquals(0, tls.port());
        assertTrue(tls.offReason().contains("sip.key"), tls.offReason());
        assertTrue(tls.problem().startsWith("SIP over TLS is off"), tls.problem());
    }

    @Test
    void aCertificateCloseToItsEndIsAProblemUntilRenewed() throws Exception {
        install("soon"); // valid for 3 days from when the test files were made: expired or close to it
        tls.apply(TlsSettings.of(5061, dir.resolve("sip.crt").toString(), dir.resolve("sip.key").toString(), "", "", "", 0));
        assertTrue(tls.problem() != null && tls.problem().contains("renew it"), String.valueOf(tls.problem()));
        install("b");
        assertTrue(tls.checkForRenewal());
        assertNull(tls.problem());
    }

    private void install(String name) throws Exception {
        copy(name + ".crt", "sip.crt");
        copy(name + ".key", "sip.key");
    }

    /** Copies a test file and moves its time forward: a renewal within the file system's clock tick still shows. */
    private void copy(String from, String to) throws Exception {
        Path target = dir.resolve(to);
        FileTime before = Files.exists(target) ? Files.getLastModifiedTime(target) : FileTime.fromMillis(0);
        Files.copy(KeyFilesTest.res(from), target, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(target, FileTime.from(Instant.ofEpochMilli(Math.max(before.toMillis() + 1000, System.currentTimeMillis()))));
    }

    private void startEchoServer() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(tls.getKeyManagers(false), tls.getTrustManagers(false), null);
        server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    new Thread(() -> echoLoop(s)).start();
                } catch (Exception e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private static void echoLoop(Socket s) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.US_ASCII)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.println(line);
            }
        } catch (Exception e) {
            // the client closed
        }
    }

    private SSLSocket connect() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new AcceptAny()}, null);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        s.setSoTimeout(10_000);
        s.startHandshake();
        return s;
    }

    private static String servedSerial(SSLSocket s) throws Exception {
        return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber().toString(16).toUpperCase();
    }

    private static String echo(SSLSocket s, String line) throws Exception {
        s.getOutputStream().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        return in.readLine();
    }

    /** The test client checks which certificate is served, not who signed it. */
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
