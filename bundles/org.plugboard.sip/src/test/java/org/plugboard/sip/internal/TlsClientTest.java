package org.plugboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import javax.net.ssl.SSLServerSocket;
import javax.sip.ListeningPoint;
import javax.sip.SipProvider;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plugboard.sip.internal.tls.SipTls;
import org.plugboard.sip.internal.tls.TlsSettings;

/**
 * A request the stack sends over TLS to a peer (what a line or trunk with transport TLS does) reaches the peer as
 * that request, in the first TLS session, the peer's certificate checked against the configured CAs; a peer whose
 * certificate is not trusted is named with the fix. Regression (issue 16): the RI's NIO TLS client dropped its first
 * connection in the middle of the handshake and sent its first engine's ClientHello as the request of a second
 * session ({@code OutgoingTlsProcessor} in org.plugboard.jainsip).
 */
class TlsClientTest {
    private static final int PORT = 15091;
    private static final int PEER = 15092;
    private final SipTls tls = new SipTls();
    private PlugboardSipStack stack;
    private SSLServerSocket peer;

    @AfterEach
    void stop() throws Exception {
        if (stack != null) {
            stack.stop();
        }
        tls.close();
        if (peer != null) {
            peer.close();
        }
    }

    static Path res(String name) throws Exception {
        return Path.of(TlsClientTest.class.getResource("/tls/" + name).toURI());
    }

    @Test
    void aRequestReachesATlsPeerInTheFirstSession() throws Exception {
        CompletableFuture<String> received = peerReading();
        tls.apply(TlsSettings.of(PORT, res("a.crt").toString(), res("a.key").toString(), "", "", res("a.crt").toString(), 0));
        SipProvider provider = start();
        provider.getNewClientTransaction(Messages.MESSAGES.createRequest("OPTIONS sip:peer@127.0.0.1:" + PEER
                + ";transport=tls SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1:" + PORT + ";branch=z9hG4bK-tls-out-" + System.nanoTime()
                + "\r\nMax-Forwards: 70\r\nFrom: <sip:pbx@127.0.0.1>;tag=p\r\nTo: <sip:peer@127.0.0.1>\r\nCall-ID: tls-out-"
                + System.nanoTime() + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")).sendRequest();
        assertEquals("OPTIONS sip:peer@127.0.0.1:" + PEER + ";transport=tls SIP/2.0", received.get(15, TimeUnit.SECONDS));
    }

    @Test
    void aPeerWithAnUntrustedCertificateIsRefusedAndNamedWithTheFix() throws Exception {
        CompletableFuture<String> received = peerReading();
        tls.apply(TlsSettings.of(PORT, res("a.crt").toString(), res("a.key").toString(), "", "", res("b.crt").toString(), 0));
        SipProvider provider = start();
        try {
            provider.getNewClientTransaction(Messages.MESSAGES.createRequest("OPTIONS sip:peer@127.0.0.1:" + PEER
                    + ";transport=tls SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1:" + PORT + ";branch=z9hG4bK-tls-bad-" + System.nanoTime()
                    + "\r\nMax-Forwards: 70\r\nFrom: <sip:pbx@127.0.0.1>;tag=p\r\nTo: <sip:peer@127.0.0.1>\r\nCall-ID: tls-bad-"
                    + System.nanoTime() + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")).sendRequest();
        } catch (javax.sip.SipException e) { // the handshake failed before the send returned: the RI says so at once
            assertTrue(e.getCause() instanceof javax.net.ssl.SSLException, e.toString());
        }
        java.util.concurrent.ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class, () -> received.get(15, TimeUnit.SECONDS));
        assertTrue(refused.getCause() instanceof javax.net.ssl.SSLException, refused.toString());
        String why = tls.lastRefusedPeer();
        assertTrue(why.contains("CN=pbx-test-a") && why.contains("b.crt") && why.contains("put its CA certificate in tls.ca.certificates"),
                why);
    }

    /** A JSSE server with certificate a: the first line of the first message of the first connection. */
    private CompletableFuture<String> peerReading() throws Exception {
        peer = JssePeer.listen(PEER);
        return JssePeer.firstLine(peer, false);
    }

    private SipProvider start() throws Exception {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "tls-client-test");
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", System.getProperty("ri.trace", "ERROR"));
        org.plugboard.sip.internal.tls.TlsStackProperties.apply(p);
        stack = new PlugboardSipStack(p, new LongAdder());
        stack.useSecurity(tls);
        SipProvider provider = stack.createSipProvider(stack.createListeningPoint("127.0.0.1", PORT, ListeningPoint.TLS));
        stack.start();
        return provider;
    }
}
