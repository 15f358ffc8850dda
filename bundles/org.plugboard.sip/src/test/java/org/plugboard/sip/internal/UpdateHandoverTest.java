package org.plugboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sip.ClientTransaction;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Response;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.sip.ServerRequest;
import org.plugboard.api.sip.SipRequestHandler;
import org.plugboard.api.sip.SipResponseHandler;
import org.plugboard.handover.internal.MemoryHandoverStore;

/**
 * A {@code bundle:update} of this bundle with two versions side by side, each its own whiteboards, parking and
 * dispatcher as the DS component wires them, and the real hand-over store between them. The order is the
 * framework's: the old version's SipService goes, so the calls bundle leaves first (its handlers gone, parked
 * for); then the old version stops; the new one starts listening before any handler is bound again.
 */
class UpdateHandoverTest {
    private final AtomicLong now = new AtomicLong(1_000);
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
    private final Version old = new Version();
    private final Version next = new Version();
    private final Inbound fromPhone = new Inbound("default", new InetSocketAddress("192.0.2.9", 5062), "UDP");

    /** One version of the bundle's inbound side. */
    private final class Version {
        final Parking parking = new Parking(10_000, 100, now::get);
        final Whiteboards whiteboards = new Whiteboards(parking);
        final SipStats stats = new SipStats();
        final Dispatcher dispatcher = new Dispatcher(whiteboards, parking, stats, new SipTrace(), Messages.HEADERS,
                Messages.MESSAGES, Messages::server, () -> null);
        final List<Response> sent = new CopyOnWriteArrayList<>();

        void receive(String method, String callId) throws Exception {
            dispatcher.receive(Messages.request(method, callId), fromPhone, sent::add);
        }
    }

    @AfterEach
    void stop() {
        old.parking.shutdown();
        next.parking.shutdown();
    }

    /** The old version serving calls (INVITE, ACK, BYE, owner calls) and the registrar, until calls leaves. */
    private void oldVersionStopsAfterCallsLeft() {
        old.whiteboards.addHandler(new Messages.Held<>(r -> r.respond(200)), Messages.props(1, 0, SipRequestHandler.METHODS, "REGISTER"));
        old.whiteboards.addHandler(new Messages.Held<>(r -> r.respond(200)),
                Messages.props(2, 0, SipRequestHandler.METHODS, new String[] {"INVITE", "ACK", "BYE"}));
        old.whiteboards.addResponseHandler(new Messages.Held<>(new Recorder()), Messages.props(3, 0, SipResponseHandler.OWNER, "calls"));
        old.whiteboards.removeHandler(Messages.props(2, 0, SipRequestHandler.METHODS, new String[] {"INVITE", "ACK", "BYE"}));
        old.whiteboards.removeResponseHandler(Messages.props(3, 0, SipResponseHandler.OWNER, "calls"));
        UpdateHandover.deposit(store, old.whiteboards, old.parking);
        old.parking.shutdown();
    }

    @Test
    void anInviteAfterAnUpdateOfTheSipBundleIsParkedUntilTheCallsHandlerIsBoundNot405() throws Exception {
        oldVersionStopsAfterCallsLeft();
        assertEquals(Set.of("method ACK", "method BYE", "method INVITE", "method REGISTER", "owner calls"),
                UpdateHandover.adopt(store, next.parking));

        next.receive("INVITE", "u1"); // the new stack listens; calls comes back only after our SipService
        assertEquals(List.of(), next.sent, "neither 405 nor 503 while the handlers are not bound yet");
        CompletableFuture<ServerRequest> delivered = new CompletableFuture<>();
        next.whiteboards.addHandler(new Messages.Held<>(r -> {
            r.respond(100);
            delivered.complete(r);
        }), Messages.props(12, 0, SipRequestHandler.METHODS, new String[] {"INVITE", "ACK", "BYE"}));
        assertEquals("u1", ((CallIdHeader) delivered.get(5, TimeUnit.SECONDS).request().getHeader(CallIdHeader.NAME)).getCallId());
        assertEquals(100, next.sent.get(0).getStatusCode());
    }

    @Test
    void aMethodNoVersionServedStillGets405AtOnceAfterAnUpdate() throws Exception {
        oldVersionStopsAfterCallsLeft();
        UpdateHandover.adopt(store, next.parking);
        next.receive("SUBSCRIBE", "u2");
        assertEquals(405, next.sent.get(0).getStatusCode());
    }

    @Test
    void aStrayResponseAfterAnUpdateOfTheSipBundleWaitsForItsOwner() throws Exception {
        oldVersionStopsAfterCallsLeft();
        UpdateHandover.adopt(store, next.parking);
        Recorder lines = new Recorder();
        next.whiteboards.addResponseHandler(new Messages.Held<>(lines), Messages.props(11, 0, SipResponseHandler.OWNER, "lines"));
        // the callee's 200 to an INVITE sent through the old stack: no client transaction here, so no owner
        Response ok = Messages.response(200, Messages.request("INVITE", "u3"));
        next.dispatcher.response(ok, null, null);
        assertEquals(List.of(ok), lines.responses, "the handlers bound now get it at once, as before");

        Recorder calls = new Recorder();
        next.whiteboards.addResponseHandler(new Messages.Held<>(calls), Messages.props(13, 0, SipResponseHandler.OWNER, "calls"));
        assertSame(ok, calls.first.get(5, TimeUnit.SECONDS));
        assertEquals(List.of(ok), lines.responses, "delivered once to each");
    }

    @Test
    void requestsParkedInTheOldVersionAreDroppedUnansweredWhenItStops() throws Exception {
        old.whiteboards.addHandler(new Messages.Held<>(r -> r.respond(200)), Messages.props(2, 0, SipRequestHandler.METHODS, "INVITE"));
        old.whiteboards.removeHandler(Messages.props(2, 0, SipRequestHandler.METHODS, "INVITE"));
        old.receive("INVITE", "u4"); // calls is draining: parked in the old version
        UpdateHandover.deposit(store, old.whiteboards, old.parking);
        old.parking.shutdown();
        now.addAndGet(10_001);
        old.parking.expireOld();
        assertEquals(List.of(), old.sent, "no 503: the caller retransmits the INVITE to the next version");
        assertEquals(Set.of("method INVITE"), UpdateHandover.adopt(store, next.parking), "and it parks it there");
    }

    @Test
    void withoutAHandOverStoreNothingIsParkedAtStart() throws Exception {
        UpdateHandover.deposit(null, old.whiteboards, old.parking);
        assertEquals(Set.of(), UpdateHandover.adopt(null, next.parking));
        next.receive("INVITE", "u5");
        assertEquals(405, next.sent.get(0).getStatusCode());
    }

    private static final class Recorder implements SipResponseHandler {
        final List<Response> responses = new CopyOnWriteArrayList<>();
        final CompletableFuture<Response> first = new CompletableFuture<>();

        @Override
        public void handleResponse(Response response, ClientTransaction transaction) {
            responses.add(response);
            first.complete(response);
        }

        @Override
        public void handleTimeout(ClientTransaction transaction) {
        }
    }
}
