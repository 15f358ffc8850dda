package org.plugboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.sip.ClientTransaction;
import javax.sip.message.Message;
import javax.sip.message.Response;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.sip.RewriteContext;
import org.plugboard.api.sip.SipMessageRewriter;
import org.plugboard.api.sip.SipRequestHandler;
import org.plugboard.api.sip.SipResponseHandler;
import org.slf4j.MDC;

/** The Call-ID in the log MDC while a handler or a rewriter has the message, and what was there before after. */
class CallIdMdcTest {
    private final Parking parking = new Parking(10_000, 100, System::currentTimeMillis);
    private final Whiteboards whiteboards = new Whiteboards(parking);
    private final Dispatcher dispatcher = new Dispatcher(whiteboards, parking, new SipStats(), new SipTrace(), Messages.HEADERS,
            Messages.MESSAGES, Messages::server, () -> null);
    private final Inbound fromPhone = new Inbound("default", new InetSocketAddress("192.0.2.9", 5062), "UDP");
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        parking.shutdown();
        MDC.clear();
    }

    private String mdc() {
        return String.valueOf(MDC.get(CallIdMdc.KEY));
    }

    @Test
    void aRequestHandlerAndTheRewritersOfItsResponseSeeTheCallId() throws Exception {
        whiteboards.addHandler(new Messages.Held<>(r -> {
            seen.add("handler " + mdc());
            r.respond(200);
        }), Messages.props(1, 0, SipRequestHandler.METHODS, "INVITE"));
        whiteboards.addRewriter(new SipMessageRewriter() {
            @Override
            public void rewriteInbound(Message message, RewriteContext context) {
                seen.add("inbound " + mdc());
            }

            @Override
            public void rewriteOutbound(Message message, RewriteContext context) {
                seen.add("outbound " + mdc());
            }
        }, Messages.props(2, 0, SipMessageRewriter.PROFILES, "*"));
        javax.sip.message.Request invite = Messages.request("INVITE", "m1");
        dispatcher.inbound(invite, fromPhone.source(), "udp");
        assertNull(MDC.get(CallIdMdc.KEY));
        dispatcher.receive(invite, fromPhone, r -> true);
        assertEquals(List.of("inbound m1", "handler m1", "outbound m1"), seen);
        assertNull(MDC.get(CallIdMdc.KEY), "cleared after");
    }

    @Test
    void aResponseHandlerSeesTheCallIdAndAStrandsOwnValueIsKept() throws Exception {
        whiteboards.addResponseHandler(new Messages.Held<>(new SipResponseHandler() {
            @Override
            public void handleResponse(Response response, ClientTransaction transaction) {
                seen.add("response " + mdc());
            }

            @Override
            public void handleTimeout(ClientTransaction transaction) {
            }
        }), Messages.props(1, 0, SipResponseHandler.OWNER, "calls"));
        MDC.put(CallIdMdc.KEY, "strand-call");
        dispatcher.response(Messages.response(180, Messages.request("INVITE", "m2")), null, "calls");
        dispatcher.response(Messages.response(200, Messages.request("INVITE", "m3")), null, null);
        assertEquals(List.of("response m2", "response m3"), seen);
        assertEquals("strand-call", MDC.get(CallIdMdc.KEY));
    }

    @Test
    void aParkedRequestIsDeliveredUnderItsCallIdOnTheParkingThread() throws Exception {
        whiteboards.addHandler(new Messages.Held<>(r -> { }), Messages.props(1, 0, SipRequestHandler.METHODS, "BYE"));
        whiteboards.removeHandler(Messages.props(1, 0, SipRequestHandler.METHODS, "BYE"));
        dispatcher.receive(Messages.request("BYE", "m4"), fromPhone, r -> true);
        CompletableFuture<String> delivered = new CompletableFuture<>();
        whiteboards.addHandler(new Messages.Held<>(r -> delivered.complete(mdc())), Messages.props(2, 0, SipRequestHandler.METHODS, "BYE"));
        assertEquals("m4", delivered.get(5, TimeUnit.SECONDS));
    }
}
