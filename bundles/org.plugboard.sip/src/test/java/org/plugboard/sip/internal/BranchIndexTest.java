package org.plugboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPClientTransactionImpl;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * A CANCEL and a response that matches no branch are looked up by their branch, not by testing every transaction in
 * the stack (issue 18). Decoy client transactions count how often the stack tests them.
 */
class BranchIndexTest {
    private static final int PORT = 15087;
    private static final int DECOYS = 200;
    private final BlockingQueue<RequestEvent> requests = new LinkedBlockingQueue<>();
    private final AtomicInteger tested = new AtomicInteger();
    private PlugboardSipStack stack;
    private SipProvider provider;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void aResponseToNoKnownBranchGoesToTheListenerWithoutAScan() throws Exception {
        MessageChannel channel = startWithDecoys();
        SIPResponse stray = (SIPResponse) Messages.MESSAGES.createResponse(200, invite("z9hG4bK-nobody"));
        assertNotNull(stack.newSIPServerResponse(stray, channel), "the stray must still reach the listener");
        assertEquals(0, tested.get(), "client transactions tested one by one for an RFC 3261 branch");

        SIPResponse rfc2543 = (SIPResponse) Messages.MESSAGES.createResponse(200, invite("old-style-branch"));
        stack.newSIPServerResponse(rfc2543, channel);
        assertTrue(tested.get() >= DECOYS, "an RFC 2543 branch keeps the RI's scan (and the decoys are in the table)");
    }

    @Test
    void aCancelFindsItsClientTransactionByBranchAlone() throws Exception {
        startWithDecoys();
        assertNotNull(stack.findCancelTransaction(cancel(invite("z9hG4bK-decoy-7")), false));
        assertEquals(1, tested.get(), "only the transaction of the CANCEL's branch is tested");
        assertNull(stack.findCancelTransaction(cancel(invite("z9hG4bK-nobody")), false));
        assertEquals(1, tested.get());
    }

    @Test
    void aPhonesCancelFindsItsInviteServerTransaction() throws Exception {
        start();
        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            String branch = "z9hG4bK-cancel-" + System.nanoTime();
            String invite = wireInvite(phone.getLocalPort(), branch, "INVITE");
            send(phone, invite);
            RequestEvent event = requests.poll(5, TimeUnit.SECONDS);
            assertNotNull(event, "no INVITE delivered");
            SIPServerTransaction inviteTx = (SIPServerTransaction) provider.getNewServerTransaction(event.getRequest());
            SIPRequest cancel = (SIPRequest) Messages.MESSAGES.createRequest(wireInvite(phone.getLocalPort(), branch, "CANCEL"));
            assertSame(inviteTx, stack.findCancelTransaction(cancel, true));
            SIPRequest other = (SIPRequest) Messages.MESSAGES.createRequest(wireInvite(phone.getLocalPort(), branch + "x", "CANCEL"));
            assertNull(stack.findCancelTransaction(other, true));
        }
    }

    private MessageChannel startWithDecoys() throws Exception {
        start();
        MessageChannel channel = channel();
        for (int i = 0; i < DECOYS; i++) {
            Decoy d = new Decoy(stack, channel, tested);
            SIPRequest r = invite("z9hG4bK-decoy-" + i);
            d.setOriginalRequest(r);
            d.setBranch(r.getTopmostVia().getBranch());
            stack.addTransaction(d);
        }
        assertEquals(DECOYS, stack.getClientTransactionTableSize());
        return channel;
    }

    /** A real UDP channel of the stack: the one a phone's OPTIONS came in on. */
    private MessageChannel channel() throws Exception {
        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            send(phone, wireInvite(phone.getLocalPort(), "z9hG4bK-options-" + System.nanoTime(), "OPTIONS"));
            RequestEvent event = requests.poll(5, TimeUnit.SECONDS);
            assertNotNull(event, "no OPTIONS delivered");
            return ((SIPServerTransaction) provider.getNewServerTransaction(event.getRequest())).getMessageChannel();
        }
    }

    private void start() throws Exception {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "index-test");
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "ERROR");
        stack = new PlugboardSipStack(p, new LongAdder());
        provider = stack.createSipProvider(stack.createListeningPoint("127.0.0.1", PORT, "UDP"));
        provider.addSipListener(new QueueingListener(requests));
        stack.start();
    }

    private static SIPRequest invite(String branch) throws Exception {
        return (SIPRequest) Messages.MESSAGES.createRequest(wireInvite(5062, branch, "INVITE"));
    }

    private static SIPRequest cancel(SIPRequest invite) throws Exception {
        return invite.createCancelRequest();
    }

    private static String wireInvite(int phonePort, String branch, String method) {
        return method + " sip:200@127.0.0.1:" + PORT + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + phonePort + ";branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:100@127.0.0.1>;tag=phone\r\n"
                + "To: <sip:200@127.0.0.1>\r\n"
                + "Call-ID: index-" + branch + "@127.0.0.1\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Contact: <sip:100@127.0.0.1:" + phonePort + ">\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static void send(DatagramSocket socket, String message) throws Exception {
        RawUdp.send(socket, PORT, message);
    }

    /** A client transaction that counts how often the stack tests a message against it. */
    private static final class Decoy extends SIPClientTransactionImpl {
        private final AtomicInteger tested;

        Decoy(SIPTransactionStack stack, MessageChannel channel, AtomicInteger tested) {
            super(stack, channel);
            this.tested = tested;
        }

        @Override
        public boolean isMessagePartOfTransaction(SIPMessage message) {
            tested.incrementAndGet();
            return super.isMessagePartOfTransaction(message);
        }

        @Override
        public boolean doesCancelMatchTransaction(SIPRequest request) {
            tested.incrementAndGet();
            return super.doesCancelMatchTransaction(request);
        }
    }
}
