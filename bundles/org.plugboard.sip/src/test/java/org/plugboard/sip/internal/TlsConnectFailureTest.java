package org.plugboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.sip.ClientTransaction;
import javax.sip.ListeningPoint;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.TransactionState;
import javax.sip.TransactionUnavailableException;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.sip.NextHop;
import org.plugboard.api.sip.SipResponseHandler;
import org.plugboard.sip.internal.tls.SipTls;
import org.plugboard.sip.internal.tls.TlsSettings;

/**
 * A request sent over TLS (a line's REGISTER, a trunk's INVITE) to a peer the connection to which fails learns it at
 * once, with the fault named, from the real RI stack and a JSSE peer on loopback. Regression (issue 16): a peer whose
 * certificate we refuse was only disconnected by the RI, and the INVITE waited 32 s for its timer B (408); a peer that
 * closed the connection in the handshake likewise. A peer that does not listen fails the send itself.
 */
class TlsConnectFailureTest {
    private static final int PORT = 15095;
    private static final int PEER = 15096;
    private static final long AT_ONCE_MILLIS = 5_000;
    private final SipTls tls = new SipTls();
    private final Parking parking = new Parking(10_000, 100, System::currentTimeMillis);
    private final Whiteboards whiteboards = new Whiteboards(parking);
    private final Dispatcher dispatcher = new Dispatcher(whiteboards, parking, new SipStats(), new SipTrace(), Messages.HEADERS,
            Messages.MESSAGES, Messages::server, () -> null);
    private PlugboardSipStack stack;
    private ServerSocket peer;

    @AfterEach
    void stop() throws Exception {
        if (stack != null) {
            stack.stop();
        }
        tls.close();
        parking.shutdown();
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void aPeerWithAnUntrustedCertificateEndsTheRequestAtOnceWithA503NamingItsCertificate() throws Exception {
        untrustedPeer();
        CompletableFuture<Response> answer = owner("lines");
        SipProvider provider = start();
        long sent = System.nanoTime();
        ClientTransaction ct = send(provider, Request.REGISTER, "lines");
        Response r = answer.get(AT_ONCE_MILLIS, TimeUnit.MILLISECONDS);
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent) < AT_ONCE_MILLIS);
        assertEquals(503, r.getStatusCode());
        assertTrue(r.getReasonPhrase().startsWith("TLS peer certificate not trusted: ") && r.getReasonPhrase().contains("CN=pbx-test-a"),
                r.getReasonPhrase());
        assertEquals(TransactionState.TERMINATED, ct.getState()); // no timeout (408) follows
        assertTrue(tls.lastRefusedPeer().contains("put its CA certificate in tls.ca.certificates"), tls.lastRefusedPeer());
    }

    @Test
    void anInviteToAnUntrustedPeerGetsItsFinalAnswerAtOnce() throws Exception {
        untrustedPeer();
        CompletableFuture<Response> answer = owner("calls");
        SipProvider provider = start();
        send(provider, Request.INVITE, "calls");
        Response r = answer.get(AT_ONCE_MILLIS, TimeUnit.MILLISECONDS);
        assertEquals(503, r.getStatusCode());
        assertTrue(r.getReasonPhrase().contains("CN=pbx-test-a"), r.getReasonPhrase());
    }

    @Test
    void aPeerThatClosesTheConnectionInTheHandshakeEndsTheRequestAtOnce() throws Exception {
        peer = new ServerSocket(PEER, 5, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (Socket s = peer.accept()) {
                s.getInputStream().read(); // the ClientHello's first byte, then hang up
            } catch (Exception e) {
                // the test sees the outcome on the stack's side
            }
        }, "closing-peer");
        t.setDaemon(true);
        t.start();
        CompletableFuture<Response> answer = owner("lines");
        SipProvider provider = start();
        send(provider, Request.REGISTER, "lines");
        Response r = answer.get(AT_ONCE_MILLIS, TimeUnit.MILLISECONDS);
        assertEquals(503, r.getStatusCode());
        assertEquals("TLS connection to 127.0.0.1:" + PEER + " closed during the handshake", r.getReasonPhrase());
    }

    @Test
    void aPeerThatDoesNotListenFailsTheSendAtOnceNamingThePeer() throws Exception {
        SipProvider provider = start();
        long sent = System.nanoTime();
        TransactionUnavailableException e = assertThrows(TransactionUnavailableException.class,
                () -> provider.getNewClientTransaction(request(Request.REGISTER)));
        SipException named = TransportFailures.sendFailed(e, new NextHop("127.0.0.1", PEER, "TLS"));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent) < AT_ONCE_MILLIS);
        assertEquals("Cannot connect to 127.0.0.1:" + PEER + " over TLS: connection refused (nothing listens there)",
                named.getMessage());
    }

    /**
     * The other side of the rule: a connection that delivered its request counts as handshaken, so its later close (a
     * peer hanging up after answering 180) is left to the RI as before, not taken for a handshake failure.
     */
    @Test
    void aConnectionThatDeliveredItsRequestCountsAsHandshaken() throws Exception {
        CompletableFuture<String> received = JssePeer.firstLine(jssePeer(), true);
        SipProvider provider = start("a.crt");
        ClientTransaction ct = send(provider, Request.INVITE, "calls");
        assertTrue(received.get(AT_ONCE_MILLIS, TimeUnit.MILLISECONDS).startsWith("INVITE "));
        gov.nist.javax.sip.stack.MessageChannel channel = ((gov.nist.javax.sip.stack.SIPClientTransaction) ct).getMessageChannel();
        assertTrue(((gov.nist.javax.sip.stack.NioTlsMessageChannel) channel).isHandshakeCompleted());
    }

    /** A JSSE server presenting certificate a, while the stack trusts only b. */
    private void untrustedPeer() throws Exception {
        SSLServerSocket server = jssePeer();
        Thread t = new Thread(() -> {
            try (SSLSocket s = (SSLSocket) server.accept()) {
                s.setSoTimeout(10_000);
                s.getInputStream().read(); // the handshake, refused by the stack
            } catch (Exception e) {
                // expected: the client aborts the handshake
            }
        }, "untrusted-peer");
        t.setDaemon(true);
        t.start();
    }

    /** A JSSE server socket with certificate a on the peer's port. */
    private SSLServerSocket jssePeer() throws Exception {
        SSLServerSocket server = JssePeer.listen(PEER);
        peer = server;
        return server;
    }

    /** The first response the stack hands to the owner's response handler; a timeout completes it exceptionally. */
    private CompletableFuture<Response> owner(String name) {
        CompletableFuture<Response> first = new CompletableFuture<>();
        whiteboards.addResponseHandler(new Messages.Held<>(new SipResponseHandler() {
            @Override
            public void handleResponse(Response response, ClientTransaction transaction) {
                first.complete(response);
            }

            @Override
            public void handleTimeout(ClientTransaction transaction) {
                first.completeExceptionally(new AssertionError("a timeout instead of an answer"));
            }
        }), Messages.props(1, 0, SipResponseHandler.OWNER, name));
        return first;
    }

    private static ClientTransaction send(SipProvider provider, String method, String owner) throws Exception {
        ClientTransaction ct = provider.getNewClientTransaction(request(method));
        ct.setApplicationData(owner);
        ct.sendRequest();
        return ct;
    }

    private static Request request(String method) throws Exception {
        String n = Long.toString(System.nanoTime());
        return Messages.MESSAGES.createRequest(method + " sip:peer@127.0.0.1:" + PEER + ";transport=tls SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1:"
                + PORT + ";branch=z9hG4bK-tls-fail-" + n + "\r\nMax-Forwards: 70\r\nFrom: <sip:pbx@127.0.0.1>;tag=p\r\n"
                + "To: <sip:peer@127.0.0.1>\r\nCall-ID: tls-fail-" + n + "\r\nCSeq: 1 " + method + "\r\n"
                + "Contact: <sip:pbx@127.0.0.1:" + PORT + ";transport=tls>\r\nContent-Length: 0\r\n\r\n");
    }

    /** The real stack with our TLS provider trusting only certificate b, and the dispatcher as its listener. */
    private SipProvider start() throws Exception {
        return start("b.crt");
    }

    private SipProvider start(String trusted) throws Exception {
        tls.apply(TlsSettings.of(PORT, TlsClientTest.res("a.crt").toString(), TlsClientTest.res("a.key").toString(), "", "",
                TlsClientTest.res(trusted).toString(), 0));
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "tls-connect-failure-test");
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", System.getProperty("ri.trace", "ERROR"));
        org.plugboard.sip.internal.tls.TlsStackProperties.apply(p);
        stack = new PlugboardSipStack(p, new LongAdder());
        stack.useSecurity(tls);
        SipProvider provider = stack.createSipProvider(stack.createListeningPoint("127.0.0.1", PORT, ListeningPoint.TLS));
        provider.addSipListener(dispatcher);
        stack.start();
        return provider;
    }
}
