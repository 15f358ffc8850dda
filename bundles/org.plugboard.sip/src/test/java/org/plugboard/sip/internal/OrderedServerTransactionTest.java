package org.plugboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.ToHeader;
import javax.sip.message.Response;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.SIPServerTransaction;

/** A real RI stack on loopback and a raw UDP peer: what leaves the server transaction, in wire order. */
class OrderedServerTransactionTest {
    private static final int PORT = 15097;
    private final LongAdder dropped = new LongAdder();
    private final BlockingQueue<RequestEvent> requests = new LinkedBlockingQueue<>();
    private PlugboardSipStack stack;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void aProvisionalAfterTheFinalResponseNeverLeavesAndRetransmissionsStillDo() throws Exception {
        SipProvider provider = start();
        try (DatagramSocket phone = phone()) {
            RequestEvent event = inviteFrom(phone);
            ServerTransaction transaction = provider.getNewServerTransaction(event.getRequest());
            assertInstanceOf(OrderedServerTransaction.class, transaction);

            Response ok = answer(200, event);
            ok.setHeader(Messages.HEADERS.createHeader("Contact", "<sip:200@127.0.0.1:" + PORT + ">"));
            transaction.sendResponse(ok);
            // What the RI's 200 ms Trying timer does when it checked the state just before our 200 went out.
            ((SIPServerTransaction) transaction).sendMessage(automaticTrying(event));
            // What its receive path does for a retransmitted INVITE: the last response again.
            ((SIPServerTransaction) transaction).resendLastResponseAsBytes();

            assertEquals("SIP/2.0 200 OK", receiveStatusLine(phone));
            assertEquals("SIP/2.0 200 OK", receiveStatusLine(phone), "the 100 Trying must not follow the 200");
            assertEquals(1, dropped.sum());
        }
    }

    @Test
    void provisionalsBeforeTheFinalResponseLeaveInOrder() throws Exception {
        SipProvider provider = start();
        try (DatagramSocket phone = phone()) {
            RequestEvent event = inviteFrom(phone);
            ServerTransaction transaction = provider.getNewServerTransaction(event.getRequest());
            transaction.sendResponse(Messages.MESSAGES.createResponse(100, event.getRequest()));
            transaction.sendResponse(answer(486, event));

            assertEquals("SIP/2.0 100 Trying", receiveStatusLine(phone));
            assertEquals("SIP/2.0 486 Busy here", receiveStatusLine(phone));
            assertEquals(0, dropped.sum());
        }
    }

    /** Regression: with our UDP processor factory every message left from a new ephemeral socket (no udpFlag). */
    @Test
    void responsesLeaveFromTheListeningPort() throws Exception {
        SipProvider provider = start();
        try (DatagramSocket phone = phone()) {
            RequestEvent event = inviteFrom(phone);
            provider.getNewServerTransaction(event.getRequest()).sendResponse(answer(486, event));
            DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
            phone.receive(packet);
            assertEquals(PORT, packet.getPort(), "the response's source port: peers answer there");
        }
    }

    @Test
    void whileHeldTheStacksAutomatic100TryingStaysUnsent() throws Exception {
        SipProvider provider = start();
        try (DatagramSocket phone = phone()) {
            RequestEvent event = inviteFrom(phone);
            OrderedServerTransaction transaction = (OrderedServerTransaction) provider.getNewServerTransaction(event.getRequest());
            transaction.holdAutomaticTrying(true);
            transaction.sendMessage(automaticTrying(event));
            transaction.holdAutomaticTrying(false);
            transaction.sendResponse(answer(180, event));

            assertEquals("SIP/2.0 180 Ringing", receiveStatusLine(phone), "no 100 while the INVITE was parked");
        }
    }

    private SipProvider start() throws Exception {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "ordered-test");
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "ERROR");
        stack = new PlugboardSipStack(p, dropped);
        SipProvider provider = stack.createSipProvider(stack.createListeningPoint("127.0.0.1", PORT, "UDP"));
        provider.addSipListener(new QueueingListener(requests));
        stack.start();
        return provider;
    }

    /** Our response with a To-tag, as the B2BUA sends it. */
    private static Response answer(int status, RequestEvent event) throws Exception {
        Response response = Messages.MESSAGES.createResponse(status, event.getRequest());
        ((ToHeader) response.getHeader(ToHeader.NAME)).setTag("b2bua");
        return response;
    }

    /** What the RI's 200 ms timer sends. */
    private static SIPResponse automaticTrying(RequestEvent event) {
        return ((SIPRequest) event.getRequest()).createResponse(100, "Trying");
    }

    private static DatagramSocket phone() throws Exception {
        DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        phone.setSoTimeout(5_000);
        return phone;
    }

    /** The phone sends an INVITE; returns it as the stack delivered it. */
    private RequestEvent inviteFrom(DatagramSocket phone) throws Exception {
        send(phone, invite(phone.getLocalPort()));
        RequestEvent event = requests.poll(5, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("the stack delivered no INVITE within 5 s");
        }
        return event;
    }

    private static String invite(int phonePort) {
        String body = "";
        return "INVITE sip:200@127.0.0.1:" + PORT + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + phonePort + ";branch=z9hG4bK-ordered-" + System.nanoTime() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:100@127.0.0.1>;tag=phone\r\n"
                + "To: <sip:200@127.0.0.1>\r\n"
                + "Call-ID: ordered-" + System.nanoTime() + "@127.0.0.1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:100@127.0.0.1:" + phonePort + ">\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private static void send(DatagramSocket socket, String message) throws Exception {
        RawUdp.send(socket, PORT, message);
    }

    private static String receiveStatusLine(DatagramSocket socket) throws Exception {
        return RawUdp.receiveStatusLine(socket);
    }
}
