package org.plugboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import javax.sip.message.Response;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.sip.ServerRequest;
import org.plugboard.api.sip.SipRequestHandler;
import org.plugboard.handover.internal.MemoryHandoverStore;

/**
 * The calls bundle hands over a ringing call's INVITE {@link ServerRequest}; after an update of this bundle it
 * answers through it. The answer must reach the next version's stack, not the dead transaction of the old one.
 */
class SuccessorTest {
    private final MemoryHandoverStore store = new MemoryHandoverStore(new MemoryHandoverStore.Config() {
        @Override
        public int keep_seconds() {
            return 300;
        }

        @Override
        public Class<? extends java.lang.annotation.Annotation> annotationType() {
            return MemoryHandoverStore.Config.class;
        }
    });
    private final Parking parking = new Parking(10_000, 100, System::currentTimeMillis);
    private final Whiteboards whiteboards = new Whiteboards(parking);
    private final Dispatcher oldVersion = new Dispatcher(whiteboards, parking, new SipStats(), new SipTrace(),
            Messages.HEADERS, Messages.MESSAGES, Messages::server, () -> null);
    private final Inbound fromPhone = new Inbound("line:a", new InetSocketAddress("192.0.2.9", 5062), "UDP");
    private final List<Response> oldWire = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        parking.shutdown();
    }

    /** The INVITE the old version gave the calls bundle, which keeps it across the update. */
    private ServerRequest ringingInvite() throws Exception {
        AtomicReference<ServerRequest> kept = new AtomicReference<>();
        whiteboards.addHandler(new Messages.Held<SipRequestHandler>(kept::set), Messages.props(1, 0, SipRequestHandler.METHODS, "INVITE"));
        oldVersion.receive(Messages.request("INVITE", "s1"), fromPhone, oldWire::add);
        return kept.get();
    }

    @Test
    void anAnswerToAHandedOverInviteAfterAnUpdateOfTheSipBundleGoesToTheNextVersionsStack() throws Exception {
        ServerRequest invite = ringingInvite();
        invite.respond(180);
        assertEquals(1, oldWire.size(), "before the update: the old stack's transaction");

        oldVersion.successor().stop(store);
        List<Map<String, Object>> next = new CopyOnWriteArrayList<>();
        new Successor().adopt(store, m -> next.add(m));
        invite.respond(200);
        assertEquals(1, oldWire.size(), "not through the dead transaction");
        assertEquals(200, ((Response) next.get(0).get(Successor.RESPONSE)).getStatusCode());
        assertEquals("line:a", next.get(0).get(Successor.PROFILE));
        assertEquals("UDP", next.get(0).get(Successor.TRANSPORT));
        assertEquals(fromPhone.source(), next.get(0).get(Successor.SOURCE));
    }

    @Test
    void aSecondUpdateHandsTheEarlierVersionsAnswersOnToTheThird() throws Exception {
        ServerRequest invite = ringingInvite();
        oldVersion.successor().stop(store);
        Successor second = new Successor();
        second.adopt(store, m -> false);
        second.stop(store);
        List<Response> third = new CopyOnWriteArrayList<>();
        new Successor().adopt(store, m -> third.add((Response) m.get(Successor.RESPONSE)));
        invite.respond(486);
        assertEquals(486, third.get(0).getStatusCode());
    }

    @Test
    void untilANextVersionRunsAStoppedVersionStillAnswersThroughItsOwnWire() throws Exception {
        ServerRequest invite = ringingInvite();
        oldVersion.successor().stop(store);
        invite.respond(180);
        assertEquals(180, oldWire.get(0).getStatusCode());
    }
}
