package org.plugboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sip.ClientTransaction;
import javax.sip.header.AllowHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.sip.ServerRequest;
import org.plugboard.api.sip.SipRequestHandler;
import org.plugboard.api.sip.SipResponseHandler;

/** The inbound side with real RI messages, a recording wire and a manual clock for the parking window. */
class DispatcherTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final Parking parking = new Parking(10_000, 100, now::get);
    private final Whiteboards whiteboards = new Whiteboards(parking);
    private final SipStats stats = new SipStats();
    private final Dispatcher dispatcher = new Dispatcher(whiteboards, parking, stats, new SipTrace(), Messages.HEADERS,
            Messages.MESSAGES, Messages::server, () -> null);
    private final List<Response> sent = new CopyOnWriteArrayList<>();
    private final ResponseWire wire = sent::add;
    private final Inbound fromPhone = new Inbound("default", new InetSocketAddress("192.0.2.9", 5062), "UDP");

    @AfterEach
    void stop() {
        parking.shutdown();
    }

    @Test
    void aRequestForAMethodNobodyHandlesGets405WithAllow() throws Exception {
        whiteboards.addHandler(new Messages.Held<>(r -> r.respond(200)), Messages.props(1, 0, SipRequestHandler.METHODS, "REGISTER"));
        dispatcher.receive(Messages.request("SUBSCRIBE", "c1"), fromPhone, wire);
        assertEquals(1, sent.size());
        assertEquals(405, sent.get(0).getStatusCode());
        assertEquals("OPTIONS, REGISTER", ((AllowHeader) sent.get(0).getHeader(AllowHeader.NAME)).getMethod());
        assertEquals(1L, stats.snapshot().get("no-handler-405"));
    }

    @Test
    void optionsWithoutAHandlerGets200WithAllowAndTheHandlersOptionTags() throws Exception {
        whiteboards.addHandler(new Messages.Held<>(r -> r.respond(200)),
                Messages.props(1, 0, SipRequestHandler.METHODS, new String[] {"INVITE", "BYE"}, SipRequestHandler.OPTION_TAGS, "100rel"));
        dispatcher.receive(Messages.request("OPTIONS", "c2"), fromPhone, wire);
        assertEquals(200, sent.get(0).getStatusCode());
        assertEquals("BYE, INVITE, OPTIONS", ((AllowHeader) sent.get(0).getHeader(AllowHeader.NAME)).getMethod());
        assertTrue(sent.get(0).getHeader("Supported").toString().contains("100rel"), sent.get(0).toString());
    }

    @Test
    void theHighestRankedHandlerOfAMethodWinsAndTiesGoToTheLowerServiceId() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        whiteboards.addHandler(new Messages.Held<>(r -> seen.add("low")), Messages.props(1, 5, SipRequestHandler.METHODS, "INVITE"));
        whiteboards.addHandler(new Messages.Held<>(r -> seen.add("high-later")), Messages.props(3, 10, SipRequestHandler.METHODS, "INVITE"));
        whiteboards.addHandler(new Messages.Held<>(r -> seen.add("high-first")), Messages.props(2, 10, SipRequestHandler.METHODS, "INVITE"));
        dispatcher.receive(Messages.request("INVITE", "c3"), fromPhone, wire);
        assertEquals(List.of("high-first"), seen);
    }

    @Test
    void aRequestDuringAnUpdateIsParkedAndDeliveredWhenTheHandlerReturns() throws Exception {
        whiteboards.addHandler(new Messages.Held<>(r -> r.respond(500)), Messages.props(1, 0, SipRequestHandler.METHODS, "INVITE"));
        whiteboards.removeHandler(Messages.props(1, 0, SipRequestHandler.METHODS, "INVITE")); // bundle:update begins
        dispatcher.receive(Messages.request("INVITE", "c4"), fromPhone, wire);
        assertEquals(List.of(), sent, "neither 405 nor 503 while the handler is being updated");
        assertEquals(1L, stats.snapshot().get("parked-during-update"));

        CompletableFuture<ServerRequest> delivered = new CompletableFuture<>();
        whiteboards.addHandler(new Messages.Held<>(r -> {
            r.respond(180);
            delivered.complete(r);
        }), Messages.props(2, 0, SipRequestHandler.METHODS, "INVITE"));
        ServerRequest r = delivered.get(5, TimeUnit.SECONDS);
        assertEquals("c4", ((javax.sip.header.CallIdHeader) r.request().getHeader("Call-ID")).getCallId());
        assertEquals(180, sent.get(0).getStatusCode());
    }

    /**
     * A handler whose bundle is stopping right now: still in the whiteboard, but its service answers null. Its request
     * waits for the next version like any other during an update (it was answered 500 after a NullPointerException:
     * LiveUpdateUnderLoadIT on a fresh clone), and so does a response for an owner in the same state.
     */
    @Test
    void aRequestForAHandlerWhoseServiceIsAlreadyGoneIsParkedNot500() throws Exception {
        whiteboards.addHandler(new Messages.Held<SipRequestHandler>(null), Messages.props(1, 0, SipRequestHandler.METHODS, "INVITE"));
        dispatcher.receive(Messages.request("INVITE", "c30"), fromPhone, wire);
        assertEquals(List.of(), sent, "no 500, no 405: the request waits for the next version");
        assertEquals(1L, stats.snapshot().get("parked-during-update"));
        assertEquals(0L, stats.snapshot().get("internal-errors"));

        whiteboards.removeHandler(Messages.props(1, 0, SipRequestHandler.METHODS, "INVITE")); // the unregistration arrives
        CompletableFuture<ServerRequest> delivered = new CompletableFuture<>();
        whiteboards.addHandler(new Messages.Held<>(r -> {
            r.respond(180);
            delivered.complete(r);
        }), Messages.props(2, 0, SipRequestHandler.METHODS, "INVITE"));
        assertEquals("c30", ((javax.sip.header.CallIdHeader) delivered.get(5, TimeUnit.SECONDS).request().getHeader("Call-ID")).getCallId());
        assertEquals(180, sent.get(0).getStatusCode());
    }

    @Test
    void whileARequestIsParkedTheStacksOwn100TryingIsHeldSoItsCallerKeepsRetransmitting() throws Exception {
        List<String> holds = new CopyOnWriteArrayList<>();
        ResponseWire holding = new ResponseWire() {
            @Override
            public boolean send(Response response) {
                holds.add("sent " + response.getStatusCode());
                return true;
            }

            @Override
            public void holdAutomaticTrying(boolean hold) {
                holds.add(hold ? "hold" : "release");
            }
        };
        whiteboards.addHandler(new Messages.Held<>(r -> r.respond(500)), Messages.props(1, 0, SipRequestHandler.METHODS, "INVITE"));
        whiteboards.removeHandler(Messages.props(1, 0, SipRequestHandler.METHODS, "INVITE"));
        dispatcher.receive(Messages.request("INVITE", "c12"), fromPhone, holding);
        assertEquals(List.of("hold"), holds);

        CompletableFuture<ServerRequest> delivered = new CompletableFuture<>();
        whiteboards.addHandler(new Messages.Held<>(r -> {
            holds.add("handler");
            r.respond(100);
            delivered.complete(r);
        }), Messages.props(2, 0, SipRequestHandler.METHODS, "INVITE"));
        delivered.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("hold", "release", "handler", "sent 100"), holds, "released before the handler answers");
    }

    @Test
    void aParkedRequestWhoseHandlerLeftAgainBeforeItsDeliveryWaitsAgainInsteadOf405() throws Exception {
        Map<String, Object> calls = Messages.props(1, 0, SipRequestHandler.METHODS, new String[] {"BYE", "INVITE"});
        whiteboards.addHandler(new Messages.Held<>(r -> r.respond(500)), calls);
        whiteboards.removeHandler(calls); // the calls bundle stops
        dispatcher.receive(Messages.request("BYE", "c13"), fromPhone, wire);
        dispatcher.receive(Messages.request("INVITE", "c14"), fromPhone, wire);

        // it comes back, and leaves again while the parking worker delivers: first the BYE, then the INVITE
        Map<String, Object> flapping = Messages.props(2, 0, SipRequestHandler.METHODS, new String[] {"BYE", "INVITE"});
        whiteboards.addHandler(new Messages.Held<>(r -> {
            r.respond(200);
            whiteboards.removeHandler(flapping);
        }), flapping);
        CompletableFuture<ServerRequest> invite = new CompletableFuture<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sent.size() < 2 && stats.snapshot().get("parked-during-update") < 3 && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // bounded wait for the effect: both deliveries ran on the parking worker
        }
        assertEquals(List.of(200), sent.stream().map(Response::getStatusCode).toList(), "the INVITE: neither 405 nor 503");
        assertEquals(3L, stats.snapshot().get("parked-during-update"), "the INVITE parked again");

        whiteboards.addHandler(new Messages.Held<>(invite::complete), Messages.props(3, 0, SipRequestHandler.METHODS, "INVITE"));
        assertEquals("c14", ((javax.sip.header.CallIdHeader) invite.get(5, TimeUnit.SECONDS).request().getHeader("Call-ID")).getCallId());
        assertEquals(List.of(200), sent.stream().map(Response::getStatusCode).toList());
    }

    /**
     * A handler that comes back while a request for it is being dispatched: the request reaches it, directly or
     * parked and delivered, and is never answered 405 (it was, once in a fresh-clone run: a new call refused while
     * the sip bundle was updated under load). Each round races one dispatch against one registration; bounded.
     */
    @Test
    void aHandlerArrivingWhileARequestIsDispatchedGetsItNeverA405() throws Exception {
        java.util.concurrent.atomic.AtomicInteger delivered = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService registrar = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            int rounds = 3000;
            for (int i = 0; i < rounds; i++) {
                Map<String, Object> props = Messages.props(100 + i, 0, SipRequestHandler.METHODS, "INVITE");
                whiteboards.addHandler(new Messages.Held<>(r -> {
                    delivered.incrementAndGet();
                    r.respond(180);
                }), props);
                whiteboards.removeHandler(props); // gone: parked from now on, until the next one registers
                Map<String, Object> next = Messages.props(100_000 + i, 0, SipRequestHandler.METHODS, "INVITE");
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                java.util.concurrent.Future<?> comingBack = registrar.submit(() -> {
                    go.await();
                    whiteboards.addHandler(new Messages.Held<>(r -> {
                        delivered.incrementAndGet();
                        r.respond(180);
                    }), next);
                    return null;
                });
                go.countDown();
                dispatcher.receive(Messages.request("INVITE", "race-" + i), fromPhone, wire);
                comingBack.get(5, TimeUnit.SECONDS);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (delivered.get() + sent.stream().filter(r -> r.getStatusCode() == 405).count() < i + 1
                        && System.nanoTime() < deadline) {
                    Thread.onSpinWait(); // bounded wait for the parking worker's delivery
                }
                whiteboards.removeHandler(next);
            }
            assertEquals(List.of(), sent.stream().map(Response::getStatusCode).filter(c -> c != 180).toList(),
                    "every INVITE reached a handler");
            assertEquals(rounds, delivered.get());
        } finally {
            registrar.shutdownNow();
        }
    }

    @Test
    void aRequestParkedInVainIsAnswered503WhenTheWindowCloses() throws Exception {
        whiteboards.addHandler(new Messages.Held<>(r -> r.respond(200)), Messages.props(1, 0, SipRequestHandler.METHODS, "INVITE"));
        whiteboards.removeHandler(Messages.props(1, 0, SipRequestHandler.METHODS, "INVITE"));
        dispatcher.receive(Messages.request("INVITE", "c5"), fromPhone, wire);
        now.addAndGet(10_001);
        parking.expireOld();
        assertEquals(503, sent.get(0).getStatusCode());
    }

    @Test
    void aFailingHandlerIsAnswered500() throws Exception {
        whiteboards.addHandler(new Messages.Held<>(r -> {
            throw new IllegalStateException("boom");
        }), Messages.props(1, 0, SipRequestHandler.METHODS, "BYE"));
        dispatcher.receive(Messages.request("BYE", "c6"), fromPhone, wire);
        assertEquals(500, sent.get(0).getStatusCode());
        assertEquals(1L, stats.snapshot().get("internal-errors"));
    }

    @Test
    void aResponseGoesToTheHandlerRegisteredUnderItsOwnerNow() throws Exception {
        Recorder old = new Recorder();
        Recorder next = new Recorder();
        whiteboards.addResponseHandler(new Messages.Held<>(old), Messages.props(1, 0, SipResponseHandler.OWNER, "calls"));
        whiteboards.removeResponseHandler(Messages.props(1, 0, SipResponseHandler.OWNER, "calls"));
        whiteboards.addResponseHandler(new Messages.Held<>(next), Messages.props(2, 0, SipResponseHandler.OWNER, "calls"));
        Response ringing = Messages.response(180, Messages.request("INVITE", "c7"));
        dispatcher.response(ringing, null, "calls");
        assertEquals(List.of(), old.responses);
        assertSame(ringing, next.responses.get(0));
    }

    @Test
    void aResponseForAnOwnerBeingUpdatedWaitsForItsNextVersion() throws Exception {
        Recorder next = new Recorder();
        whiteboards.addResponseHandler(new Messages.Held<>(new Recorder()), Messages.props(1, 0, SipResponseHandler.OWNER, "calls"));
        whiteboards.removeResponseHandler(Messages.props(1, 0, SipResponseHandler.OWNER, "calls"));
        Response ok = Messages.response(200, Messages.request("INVITE", "c8"));
        dispatcher.response(ok, null, "calls");
        whiteboards.addResponseHandler(new Messages.Held<>(next), Messages.props(2, 0, SipResponseHandler.OWNER, "calls"));
        assertSame(ok, next.first.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aStrayResponseGoesToEveryHandler() throws Exception {
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        whiteboards.addResponseHandler(new Messages.Held<>(a), Messages.props(1, 0, SipResponseHandler.OWNER, "calls"));
        whiteboards.addResponseHandler(new Messages.Held<>(b), Messages.props(2, 0, SipResponseHandler.OWNER, "lines"));
        Response ok = Messages.response(200, Messages.request("INVITE", "c9"));
        dispatcher.response(ok, null, null);
        assertEquals(List.of(ok), a.responses);
        assertEquals(List.of(ok), b.responses);
    }

    @Test
    void theProfileIsTheFirstAnswerOfTheResolversByRankingAndPicksTheInboundRewriters() throws Exception {
        whiteboards.addResolver((m, from, t) -> "line:low", Messages.props(1, 1));
        whiteboards.addResolver((m, from, t) -> null, Messages.props(2, 9));
        whiteboards.addResolver((m, from, t) -> "line:high", Messages.props(3, 5));
        List<String> ran = new CopyOnWriteArrayList<>();
        whiteboards.addRewriter(new org.plugboard.api.sip.SipMessageRewriter() {
            @Override
            public void rewriteInbound(javax.sip.message.Message message, org.plugboard.api.sip.RewriteContext context) {
                ran.add(context.profile() + " " + context.direction() + " " + context.transport());
            }
        }, Messages.props(4, 0, org.plugboard.api.sip.SipMessageRewriter.PROFILES, "line:high"));
        Request invite = Messages.request("INVITE", "c10");
        assertTrue(dispatcher.inbound(invite, fromPhone.source(), "udp"));
        assertEquals(new Inbound("line:high", fromPhone.source(), "UDP"),
                ((gov.nist.javax.sip.message.SIPRequest) invite).getApplicationData());
        assertEquals(List.of("line:high INBOUND UDP"), ran);
    }

    @Test
    void aResponsePassesTheOutboundRewritersOfItsRequestsMethodAndProfile() throws Exception {
        whiteboards.addHandler(new Messages.Held<>(r -> r.respond(200)),
                Messages.props(1, 0, SipRequestHandler.METHODS, new String[] {"INVITE", "MESSAGE"}));
        whiteboards.addRewriter(new org.plugboard.api.sip.SipMessageRewriter() {
            @Override
            public void rewriteOutbound(javax.sip.message.Message message, org.plugboard.api.sip.RewriteContext context) {
                try {
                    message.setHeader(context.headerFactory().createHeader("X-Seen", context.profile()));
                } catch (java.text.ParseException e) {
                    throw new IllegalStateException(e);
                }
            }
        }, Messages.props(2, 0, org.plugboard.api.sip.SipMessageRewriter.PROFILES, "default",
                org.plugboard.api.sip.SipMessageRewriter.METHODS, "INVITE"));
        dispatcher.receive(Messages.request("INVITE", "c11"), fromPhone, wire);
        dispatcher.receive(Messages.request("MESSAGE", "c12"), fromPhone, wire);
        assertEquals("X-Seen: default", sent.get(0).getHeader("X-Seen").toString().trim());
        assertEquals(null, sent.get(1).getHeader("X-Seen"));
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
