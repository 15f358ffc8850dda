package org.plugboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.sip.SipRequestHandler;
import org.plugboard.sip.internal.tls.SipTls;

/**
 * The production path of a challenge (issue 18): the dispatcher creates the server transaction as the request arrives,
 * the handler answers 401 through it, and nothing of it stays in the stack; a 200 stays for {@code transaction.keep}.
 */
class ChallengeThroughDispatcherTest {
    private static final int PORT = 15086;
    private final Parking parking = new Parking(10_000, 100, System::currentTimeMillis);
    private final Whiteboards whiteboards = new Whiteboards(parking);
    private final Dispatcher dispatcher = new Dispatcher(whiteboards, parking, new SipStats(), new SipTrace(),
            Messages.HEADERS, Messages.MESSAGES, Messages::server, () -> null);
    private final SipTls tls = new SipTls();
    private final StackLifecycle lifecycle = new StackLifecycle(dispatcher, new SipStats(), () -> { }, tls);

    @AfterEach
    void stop() {
        lifecycle.stop();
        tls.close();
        parking.shutdown();
    }

    @Test
    void aRegisterChallengedByItsHandlerLeavesNoServerTransaction() throws Exception {
        whiteboards.addHandler(new Messages.Held<>(r -> r.respond(401)), Messages.props(1, 0, SipRequestHandler.METHODS, "REGISTER"));
        lifecycle.start(LoopbackStack.udpConfig(PORT));
        try (DatagramSocket phone = RawUdp.phone()) {
            send(phone, RawUdp.register(PORT, phone.getLocalPort(), "z9hG4bK-dispatch-401-" + System.nanoTime()));
            assertEquals("SIP/2.0 401 Unauthorized", receiveStatusLine(phone));
            assertEquals(0, lifecycle.stack().getServerTransactionTableSize(), "the challenge left its transaction behind");
        }
    }

    @Test
    void anAcceptedRegisterIsKeptForRetransmissions() throws Exception {
        whiteboards.addHandler(new Messages.Held<>(r -> r.respond(200)), Messages.props(1, 0, SipRequestHandler.METHODS, "REGISTER"));
        lifecycle.start(LoopbackStack.udpConfig(PORT));
        try (DatagramSocket phone = RawUdp.phone()) {
            send(phone, RawUdp.register(PORT, phone.getLocalPort(), "z9hG4bK-dispatch-200-" + System.nanoTime()));
            assertEquals("SIP/2.0 200 OK", receiveStatusLine(phone));
            assertEquals(1, lifecycle.stack().getServerTransactionTableSize());
        }
    }

    private static void send(DatagramSocket socket, String message) throws Exception {
        RawUdp.send(socket, PORT, message);
    }

    private static String receiveStatusLine(DatagramSocket socket) throws Exception {
        return RawUdp.receiveStatusLine(socket);
    }
}
