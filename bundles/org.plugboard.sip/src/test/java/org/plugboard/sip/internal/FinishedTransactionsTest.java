package org.plugboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.ToHeader;
import javax.sip.message.Response;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the stack keeps of a finished transaction (issue 18): a challenge nothing at all, any other final answer to a
 * non-INVITE over UDP {@code transaction.keep} ms instead of the RI's 32 s. A real RI stack on loopback, a raw UDP
 * phone, and the stack's own transaction table.
 */
class FinishedTransactionsTest {
    private static final int PORT = 15088;
    private final BlockingQueue<RequestEvent> requests = new LinkedBlockingQueue<>();
    private PlugboardSipStack stack;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void aChallengeLeavesNoServerTransactionAndItsRetransmissionIsAnsweredAfresh() throws Exception {
        SipProvider provider = start(5_000);
        try (DatagramSocket phone = RawUdp.phone()) {
            String register = RawUdp.register(PORT, phone.getLocalPort(), "z9hG4bK-challenge-" + System.nanoTime());
            send(phone, register);
            RequestEvent first = nextRequest();
            provider.getNewServerTransaction(first.getRequest()).sendResponse(answer(401, first));
            assertEquals("SIP/2.0 401 Unauthorized", receiveStatusLine(phone));
            assertEquals(0, stack.getServerTransactionTableSize(), "the 401's server transaction is still in the stack");

            send(phone, register); // the same request again (its 401 lost): a new request, a new challenge
            RequestEvent again = nextRequest();
            provider.getNewServerTransaction(again.getRequest()).sendResponse(answer(407, again));
            assertEquals("SIP/2.0 407 Proxy Authentication required", receiveStatusLine(phone));
            assertEquals(0, stack.getServerTransactionTableSize());
        }
    }

    @Test
    void aFinishedTransactionAbsorbsRetransmissionsAndIsGoneAfterTheShorterKeep() throws Exception {
        SipProvider provider = start(1_000);
        try (DatagramSocket phone = RawUdp.phone()) {
            String register = RawUdp.register(PORT, phone.getLocalPort(), "z9hG4bK-keep-" + System.nanoTime());
            send(phone, register);
            RequestEvent event = nextRequest();
            provider.getNewServerTransaction(event.getRequest()).sendResponse(answer(200, event));
            long answered = System.nanoTime();
            assertEquals("SIP/2.0 200 OK", receiveStatusLine(phone));
            assertEquals(1, stack.getServerTransactionTableSize());

            send(phone, register); // a retransmission inside the keep: the stack answers it, the handler never sees it
            assertEquals("SIP/2.0 200 OK", receiveStatusLine(phone));
            assertNull(requests.poll(200, TimeUnit.MILLISECONDS), "a retransmission reached the handler");

            long deadline = answered + TimeUnit.SECONDS.toNanos(5); // the RI alone keeps it 32 s
            while (stack.getServerTransactionTableSize() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(0, stack.getServerTransactionTableSize(), "still kept 5 s after a 1 s keep");
            assertTrue(System.nanoTime() - answered >= TimeUnit.MILLISECONDS.toNanos(900), "gone before its keep");
        }
    }

    /**
     * Issue 18: an INVITE transaction answered 2xx over UDP leaves the table at once and its object is garbage soon
     * after, not held 8 s more by the RI's linger timer (which kept every answered call's INVITE, request and 2xx).
     */
    @Test
    void anAnsweredInvitesTransactionIsGarbageWithoutTheRisEightSecondLinger() throws Exception {
        SipProvider provider = start(5_000);
        try (DatagramSocket phone = RawUdp.phone()) {
            String branch = "z9hG4bK-linger-" + System.nanoTime();
            send(phone, "INVITE sip:1002@127.0.0.1:" + PORT + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + phone.getLocalPort() + ";branch=" + branch + "\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:1001@127.0.0.1>;tag=caller\r\n"
                    + "To: <sip:1002@127.0.0.1>\r\n"
                    + "Call-ID: " + branch + "@127.0.0.1\r\n"
                    + "CSeq: 1 INVITE\r\n"
                    + "Contact: <sip:1001@127.0.0.1:" + phone.getLocalPort() + ">\r\n"
                    + "Content-Length: 0\r\n\r\n");
            java.lang.ref.WeakReference<javax.sip.ServerTransaction> transaction = answerInvite(provider, nextRequest());
            String ok = RawUdp.receive(phone);
            while (ok.startsWith("SIP/2.0 100")) {
                ok = RawUdp.receive(phone);
            }
            assertTrue(ok.startsWith("SIP/2.0 200 OK"), ok);
            // the RI's linger alone holds it 8 s: a bound just under that, for a loaded machine's timer thread
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(7_500);
            while (transaction.get() != null && System.nanoTime() < deadline) {
                System.gc();
            }
            assertNull(transaction.get(), "the answered INVITE's transaction is still held");
            assertEquals(0, stack.getServerTransactionTableSize());
        }
    }

    /** Answers 200 with a Contact through a new server transaction, and lets go of everything but a weak reference. */
    private static java.lang.ref.WeakReference<javax.sip.ServerTransaction> answerInvite(SipProvider provider, RequestEvent event)
            throws Exception {
        javax.sip.ServerTransaction st = provider.getNewServerTransaction(event.getRequest());
        Response ok = answer(200, event);
        ok.addHeader(Messages.HEADERS.createContactHeader(new gov.nist.javax.sip.address.AddressFactoryImpl()
                .createAddress("sip:pbx@127.0.0.1:" + PORT)));
        st.sendResponse(ok);
        return new java.lang.ref.WeakReference<>(st);
    }

    /** The RI's table-size guard, computed without building a transaction to throw away. */
    @Test
    void theTableGuardShedsAsTheRisBetweenItsMarksOnly() {
        assertFalse(PlugboardSipStack.sheds(100, 1000, 2000, 0.999), "below the low-water mark");
        assertFalse(PlugboardSipStack.sheds(1500, 1000, 2000, 0.49));
        assertTrue(PlugboardSipStack.sheds(1500, 1000, 2000, 0.51), "half way: half of them");
        assertTrue(PlugboardSipStack.sheds(2000, 1000, 2000, 0.001), "at the high-water mark: all");
    }

    @Test
    void theKeepIsCountedInTheStacksTicksRoundedUp() {
        assertEquals(0, OrderedServerTransaction.keepTicks(0, 500));
        assertEquals(1, OrderedServerTransaction.keepTicks(1, 500));
        assertEquals(10, OrderedServerTransaction.keepTicks(5_000, 500));
        assertEquals(11, OrderedServerTransaction.keepTicks(5_001, 500));
    }

    @Test
    void aKeepBeyondTheRfcsIsRefusedWithTheRange() throws Exception {
        start(5_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> stack.keepFinishedTransactions(40_000));
        assertTrue(e.getMessage().contains("0 to 32000"), e.getMessage());
        assertEquals(5_000, stack.keepFinishedTransactions());
    }

    private SipProvider start(int keepMs) throws Exception {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "keep-test");
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "ERROR");
        stack = new PlugboardSipStack(p, new LongAdder());
        stack.keepFinishedTransactions(keepMs);
        SipProvider provider = stack.createSipProvider(stack.createListeningPoint("127.0.0.1", PORT, "UDP"));
        provider.addSipListener(new QueueingListener(requests));
        stack.start();
        return provider;
    }

    private RequestEvent nextRequest() throws InterruptedException {
        RequestEvent event = requests.poll(5, TimeUnit.SECONDS);
        assertNotNull(event, "the stack delivered no request within 5 s");
        return event;
    }

    private static Response answer(int status, RequestEvent event) throws Exception {
        Response response = Messages.MESSAGES.createResponse(status, event.getRequest());
        ((ToHeader) response.getHeader(ToHeader.NAME)).setTag("pbx");
        return response;
    }

    private static void send(DatagramSocket socket, String message) throws Exception {
        RawUdp.send(socket, PORT, message);
    }

    private static String receiveStatusLine(DatagramSocket socket) throws Exception {
        return RawUdp.receiveStatusLine(socket);
    }
}
