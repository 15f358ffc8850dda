package org.plugboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.sip.internal.tls.SipTls;
import org.plugboard.sip.internal.tls.TlsSettings;


/**
 * The real RI stack with a TLS listening point on our {@link SipTls}, configured as {@link StackLifecycle} does:
 * SIP requests over TLS are answered (plain and sips: URIs), and a renewal on disk reaches the next connection
 * while a connection opened before it still carries requests and answers.
 */
class TlsListeningPointTest {
    private static final int PORT = 15098;
    @TempDir
    Path dir;
    private final SipTls tls = new SipTls();
    private PlugboardSipStack stack;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.stop();
        }
        tls.close();
    }

    @Test
    void answersOverTlsAndServesARenewalToTheNextConnectionOnly() throws Exception {
        install("a");
        tls.apply(TlsSettings.of(PORT, dir.resolve("sip.crt").toString(), dir.resolve("sip.key").toString(), "", "", "", 0));
        start();

        try (SSLSocket first = connect()) {
            assertEquals("A", serial(first));
            assertEquals("SIP/2.0 200 OK", options(first, "sip:pbx@127.0.0.1:" + PORT + ";transport=tls"));
            assertEquals("SIP/2.0 200 OK", options(first, "sips:pbx@127.0.0.1:" + PORT));

            install("b");
            assertTrue(tls.checkForRenewal());
            try (SSLSocket second = connect()) {
                assertEquals("B", serial(second));
                assertEquals("SIP/2.0 200 OK", options(second, "sips:pbx@127.0.0.1:" + PORT));
            }
            assertEquals("SIP/2.0 200 OK", options(first, "sips:pbx@127.0.0.1:" + PORT),
                    "the connection opened before the renewal still carries requests and answers");
        }
    }

    @Test
    void aRequestToAPhoneGoesOverTheConnectionThePhoneOpened() throws Exception {
        install("a");
        tls.apply(TlsSettings.of(PORT, dir.resolve("sip.crt").toString(), dir.resolve("sip.key").toString(), "", "", "", 0));
        SipProvider provider = start();
        try (SSLSocket phone = connect()) {
            assertEquals("SIP/2.0 200 OK", options(phone, "sip:pbx@127.0.0.1:" + PORT + ";transport=tls"));
            // what the B2BUA does for a phone registered over TLS: send to its source address with transport TLS
            provider.sendRequest(Messages.MESSAGES.createRequest("OPTIONS sip:phone@127.0.0.1:" + phone.getLocalPort()
                    + ";transport=tls SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1:" + PORT + ";branch=z9hG4bK-to-phone-" + System.nanoTime()
                    + "\r\nMax-Forwards: 70\r\nFrom: <sip:pbx@127.0.0.1>;tag=p\r\nTo: <sip:phone@127.0.0.1>\r\nCall-ID: to-phone-"
                    + System.nanoTime() + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"));
            assertEquals("OPTIONS sip:phone@127.0.0.1:" + phone.getLocalPort() + ";transport=tls SIP/2.0", readHead(phone));
        }
    }

    private SipProvider start() throws Exception {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "tls-test");
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", System.getProperty("ri.trace", "ERROR"));
        org.plugboard.sip.internal.tls.TlsStackProperties.apply(p);
        stack = new PlugboardSipStack(p, new LongAdder());
        stack.useSecurity(tls);
        SipProvider provider = stack.createSipProvider(stack.createListeningPoint("127.0.0.1", PORT, ListeningPoint.TLS));
        provider.addSipListener(new Answering(provider));
        stack.start();
        return provider;
    }

    private void install(String name) throws Exception {
        for (String ext : new String[] {"crt", "key"}) {
            Path target = dir.resolve("sip." + ext);
            long before = Files.exists(target) ? Files.getLastModifiedTime(target).toMillis() : 0;
            Files.copy(Path.of(getClass().getResource("/tls/" + name + "." + ext).toURI()), target, StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(target, FileTime.fromMillis(Math.max(before + 1000, System.currentTimeMillis())));
        }
    }

    private static SSLSocket connect() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new AcceptAny()}, null);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), PORT);
        s.setSoTimeout(10_000);
        s.startHandshake();
        return s;
    }

    private static String serial(SSLSocket s) throws Exception {
        return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber().toString(16).toUpperCase();
    }

    /** Sends an OPTIONS on the connection and returns the status line of the answer. */
    private static String options(SSLSocket s, String requestUri) throws Exception {
        String scheme = requestUri.startsWith("sips:") ? "sips" : "sip";
        String msg = "OPTIONS " + requestUri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS 127.0.0.1:" + s.getLocalPort() + ";branch=z9hG4bK-tls-" + System.nanoTime() + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <" + scheme + ":phone@127.0.0.1>;tag=t1\r\n"
                + "To: <" + scheme + ":pbx@127.0.0.1>\r\n"
                + "Call-ID: tls-" + System.nanoTime() + "@127.0.0.1\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n";
        s.getOutputStream().write(msg.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return readHead(s);
    }

    /** The first line of the next message on the connection (its head read up to the blank line). */
    private static String readHead(SSLSocket s) throws Exception {
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new AssertionError("connection closed; read so far: " + head);
            }
            head.append((char) c);
        }
        return head.substring(0, head.indexOf("\r\n"));
    }

    /** Answers every request 200 through a server transaction, as the dispatcher does for OPTIONS. */
    private record Answering(SipProvider provider) implements SipListener {
        @Override
        public void processRequest(RequestEvent event) {
            try {
                provider.getNewServerTransaction(event.getRequest())
                        .sendResponse(Messages.MESSAGES.createResponse(200, event.getRequest()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void processResponse(ResponseEvent event) {
        }

        @Override
        public void processTimeout(TimeoutEvent event) {
        }

        @Override
        public void processIOException(IOExceptionEvent event) {
        }

        @Override
        public void processTransactionTerminated(TransactionTerminatedEvent event) {
        }

        @Override
        public void processDialogTerminated(DialogTerminatedEvent event) {
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
