package org.plugboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.sip.message.Request;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.sip.SipRequestHandler;
import org.plugboard.sip.internal.capture.Captured;

/**
 * The ladder shows messages in the order they crossed the wire. Regression: outbound messages were stamped after the
 * send returned, so a peer's ACK, read by the stack's thread while our 407 was still being sent, came before the 407.
 */
class LadderOrderTest {
    private final Parking parking = new Parking(10_000, 100, new AtomicLong(1_000)::get);
    private final Whiteboards whiteboards = new Whiteboards(parking);
    private final SipTrace trace = new SipTrace();
    private final Dispatcher dispatcher = new Dispatcher(whiteboards, parking, new SipStats(), trace, Messages.HEADERS,
            Messages.MESSAGES, Messages::server, () -> null);
    private final InetSocketAddress phone = new InetSocketAddress("192.0.2.9", 5062);

    @AfterEach
    void stop() {
        parking.shutdown();
    }

    @Test
    void aPeersAckReadWhileOur407IsBeingSentComesAfterThe407() throws Exception {
        trace.set(true);
        whiteboards.addHandler(new Messages.Held<>(r -> r.respond(407)), Messages.props(1, 0, SipRequestHandler.METHODS, "INVITE"));
        Request invite = Messages.request("INVITE", "ladder-1");
        Request ack = Messages.request("ACK", "ladder-1");
        ResponseWire fastPeer = response -> dispatcher.inbound(ack, phone, "udp"); // the ACK is in before send returns
        dispatcher.inbound(invite, phone, "udp");
        dispatcher.receive(invite, new Inbound("default", phone, "UDP"), fastPeer);
        List<String> ladder = trace.capture().calls().of(List.of("ladder-1")).stream()
                .map(c -> (c.outbound() ? "out " : "in ") + c.firstLine().split(" ")[0]).toList();
        assertEquals(List.of("in INVITE", "out 407", "in ACK"), ladder);
    }

    @Test
    void stampsOnlyGrowSoTwoMessagesNeverTie() {
        long previous = trace.stamp();
        for (int i = 0; i < 10_000; i++) {
            long next = trace.stamp();
            assertEquals(true, next > previous, "stamp " + i);
            previous = next;
        }
    }
}
