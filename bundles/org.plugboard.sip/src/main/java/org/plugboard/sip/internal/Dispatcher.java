package org.plugboard.sip.internal;

import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.ListIterator;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.TransactionUnavailableException;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ServerHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.security.AuthFailureGuard;
import org.plugboard.api.sip.RewriteContext;
import org.plugboard.api.sip.SipRequestHandler;
import org.plugboard.api.sip.SipResponseHandler;
import org.plugboard.api.sip.SipService;

import gov.nist.javax.sip.message.SIPRequest;

/**
 * The inbound side: classifies every parsed message (called by the valve), then routes requests to the handler of
 * their method and responses and timeouts to the handler registered under their owner now. While a handler is
 * between two versions its traffic is parked; with no handler at all, OPTIONS gets 200 and the rest 405 with Allow.
 */
final class Dispatcher implements SipListener {
    private static final RateLimitedLog LOG = RateLimitedLog.of(Dispatcher.class);

    private final Whiteboards whiteboards;
    private final Parking parking;
    private final SipStats stats;
    private final SipTrace trace;
    private final HeaderFactory headerFactory;
    private final MessageFactory messageFactory;
    private final Supplier<ServerHeader> serverHeader;
    private final Supplier<AuthFailureGuard> guard;
    private volatile SipService sip;
    private final Successor successor = new Successor();

    Dispatcher(Whiteboards whiteboards, Parking parking, SipStats stats, SipTrace trace, HeaderFactory headerFactory,
            MessageFactory messageFactory, Supplier<ServerHeader> serverHeader, Supplier<AuthFailureGuard> guard) {
        this.whiteboards = whiteboards;
        this.parking = parking;
        this.stats = stats;
        this.trace = trace;
        this.headerFactory = headerFactory;
        this.messageFactory = messageFactory;
        this.serverHeader = serverHeader;
        this.guard = guard;
    }

    /** The service handlers see through {@code ServerRequest.sip()}. */
    void setSipService(SipService sip) {
        this.sip = sip;
    }

    /** Called by the valve for every parsed message, retransmissions included; false drops it. */
    boolean inbound(Message message, InetSocketAddress source, String transport) {
        AuthFailureGuard g = guard.get();
        if (g != null && g.isBanned(source.getAddress())) {
            stats.bannedDropped.increment();
            return false;
        }
        try (CallIdMdc mdc = CallIdMdc.of(message)) { // resolvers and rewriters log under the message's Call-ID
            String profile = whiteboards.profileOf(message, source, transport);
            Inbound inbound = new Inbound(profile, source, transport.toUpperCase());
            if (message instanceof gov.nist.javax.sip.message.SIPMessage m) {
                m.setApplicationData(inbound);
            }
            trace.in(message, source, transport);
            RewriterChain.apply(whiteboards.rewriters(), message,
                    new RewriteContext(RewriteContext.Direction.INBOUND, profile, inbound.transport(), source, headerFactory));
            return true;
        }
    }

    @Override
    public void processRequest(RequestEvent event) {
        SIPRequest request = (SIPRequest) event.getRequest();
        Inbound inbound = request.getApplicationData() instanceof Inbound i ? i
                : new Inbound(org.plugboard.api.sip.SipProfileResolver.DEFAULT_PROFILE,
                        new InetSocketAddress(request.getRemoteAddress(), request.getRemotePort()), "UDP");
        SipProvider provider = (SipProvider) event.getSource();
        ServerTransaction transaction = event.getServerTransaction();
        if (transaction == null && !Request.ACK.equals(request.getMethod())) {
            try { // at once, so retransmissions that arrive while a handler works are absorbed by the stack
                transaction = provider.getNewServerTransaction(request);
            } catch (TransactionAlreadyExistsException e) {
                return; // a retransmission that raced the first copy: the first copy is being handled
            } catch (TransactionUnavailableException e) {
                LOG.warn("no-transaction", "No server transaction for {} from {}: {}; answering statelessly",
                        request.getMethod(), inbound.source(), e.getMessage());
            }
        }
        receive(request, inbound, new TransactionWire(provider, transaction, request));
    }

    /** A request ready for its handler, answered through {@code wire}. */
    void receive(Request request, Inbound inbound, ResponseWire wire) {
        dispatch(new ServerRequestImpl(this, wire, request, inbound));
    }

    /**
     * To the method's handler; while it is between two versions, parked. A parked request delivered when its handler
     * came back, but whose handler left again before the delivery ran, is parked again rather than answered 405.
     */
    private void dispatch(ServerRequestImpl exchange) {
        Request request = exchange.request();
        String method = request.getMethod();
        try (CallIdMdc mdc = CallIdMdc.of(request)) {
            String badHeader = firstMalformedHeader((SIPRequest) request);
            if (badHeader != null) {
                stats.badHeaders.increment();
                if (!Request.ACK.equals(method)) {
                    exchange.respond(400, "Malformed " + badHeader + " header");
                }
                return;
            }
            Whiteboards.Handle<SipRequestHandler> handle = whiteboards.handler(method);
            SipRequestHandler handler = live(handle, Whiteboards.methodKey(method));
            boolean parked = false;
            if (handler == null) {
                Whiteboards.SecondLook<SipRequestHandler> again = whiteboards.lookAgainOrPark(
                        () -> live(whiteboards.handler(method), Whiteboards.methodKey(method)), () -> park(exchange, method));
                handler = again.handler();
                parked = again.parked();
            }
            if (handler != null) {
                handler.handle(exchange);
            } else if (parked) {
                stats.parked.increment();
            } else if (Request.OPTIONS.equals(method)) {
                answerOptions(exchange);
            } else if (!Request.ACK.equals(method)) {
                stats.noHandler.increment();
                Response r = exchange.createResponse(Response.METHOD_NOT_ALLOWED);
                r.setHeader(headerFactory.createAllowHeader(String.join(", ", whiteboards.methods())));
                exchange.respond(r);
            }
        } catch (Exception e) {
            stats.internalErrors.increment();
            LOG.error(whiteboards.handler(method) != null ? "handler " + method : "handler", // methods seen are attacker-chosen
                    "Handling {} from {} failed", method, exchange.source(), e);
            if (!exchange.finalSent() && !Request.ACK.equals(method)) {
                exchange.respond(Response.SERVER_INTERNAL_ERROR);
            }
        }
    }

    /**
     * The service behind {@code handle}, or null. A handle still indexed whose service is gone (its bundle is stopping
     * right now: {@code getService} answers null before the whiteboard hears of the unregistration) means the same as
     * none: the traffic for {@code key} waits for the next version. Taken as the handler, it failed the request with
     * 500 (LiveUpdateUnderLoadIT, a fresh clone, during {@code bundle:update org.plugboard.directory}).
     */
    private <S> S live(Whiteboards.Handle<S> handle, String key) {
        if (handle == null) {
            return null;
        }
        S service = handle.get();
        if (service == null) {
            parking.gone(key);
        }
        return service;
    }

    /**
     * Parks a request whose handler is between two versions; the stack's automatic 100 Trying is held meanwhile, so
     * that its caller keeps retransmitting (see {@link OrderedServerTransaction}).
     */
    private boolean park(ServerRequestImpl exchange, String method) {
        exchange.holdAutomaticTrying(true);
        boolean parked = parking.park(Whiteboards.methodKey(method), () -> {
            exchange.holdAutomaticTrying(false);
            dispatch(exchange);
        }, () -> {
            if (!Request.ACK.equals(method) && !exchange.finalSent()) {
                exchange.respond(Response.SERVICE_UNAVAILABLE, "Service Being Updated");
            }
        });
        if (!parked) {
            exchange.holdAutomaticTrying(false);
        }
        return parked;
    }

    /** A known header whose value did not parse lands in the RI's "unrecognized" list; name the first one. */
    private static String firstMalformedHeader(SIPRequest request) {
        ListIterator<String> it = request.getUnrecognizedHeaders();
        if (!it.hasNext()) {
            return null;
        }
        String line = it.next();
        int colon = line.indexOf(':');
        String name = (colon > 0 ? line.substring(0, colon) : line).trim();
        return name.isEmpty() ? "unnamed" : name.replaceAll("[^A-Za-z0-9-]", "?");
    }

    private void answerOptions(ServerRequestImpl exchange) throws ParseException {
        String unsupported = unsupported(exchange.request());
        if (unsupported != null) { // RFC 3261 8.2.2.3
            Response r = exchange.createResponse(Response.BAD_EXTENSION);
            r.setHeader(headerFactory.createUnsupportedHeader(unsupported));
            exchange.respond(r);
            return;
        }
        Response r = exchange.createResponse(Response.OK);
        r.setHeader(headerFactory.createAllowHeader(String.join(", ", whiteboards.methods())));
        r.setHeader(headerFactory.createSupportedHeader(String.join(", ", whiteboards.optionTags())));
        r.setHeader(headerFactory.createAcceptHeader("application", "sdp"));
        exchange.respond(r);
    }

    /** The option tags of Require that no handler declares, comma separated, or null. */
    private String unsupported(Request request) {
        java.util.List<String> tags = new java.util.ArrayList<>();
        for (ListIterator<?> it = request.getHeaders(javax.sip.header.RequireHeader.NAME); it.hasNext();) {
            String tag = ((javax.sip.header.RequireHeader) it.next()).getOptionTag().trim();
            if (!whiteboards.optionTags().contains(tag)) {
                tags.add(tag);
            }
        }
        return tags.isEmpty() ? null : String.join(", ", tags);
    }

    @Override
    public void processResponse(ResponseEvent event) {
        ClientTransaction ct = event.getClientTransaction();
        response(event.getResponse(), ct, ct != null && ct.getApplicationData() instanceof String owner ? owner : null);
    }

    /**
     * A response to the handler registered under {@code owner} now; a stray ({@code owner} null: typically a 2xx
     * retransmission after the INVITE transaction ended) to every handler, which match it by Call-ID.
     */
    void response(Response response, ClientTransaction ct, String owner) {
        if (owner != null) {
            toOwner(owner, response, h -> h.handleResponse(response, ct));
            return;
        }
        for (Whiteboard.Ranked<Whiteboards.Handle<SipResponseHandler>> h : whiteboards.responseHandlers()) {
            deliver(response, () -> h.service().get().handleResponse(response, null));
        }
        // an owner between two versions (its bundle, or this one, being updated) gets the stray when it is back:
        // it is typically the 2xx to an INVITE whose client transaction died with the previous stack
        for (String key : parking.waitingFor()) {
            if (key.startsWith(Whiteboards.ownerKey("")) && parking.park(key, () -> strayTo(response,
                    key.substring(Whiteboards.ownerKey("").length())), () -> { })) {
                stats.parked.increment();
            }
        }
    }

    /** A stray delivered to the owner it waited for. */
    private void strayTo(Response response, String owner) {
        toOwner(owner, response, h -> h.handleResponse(response, null));
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        ClientTransaction ct = event.getClientTransaction();
        if (event.isServerTransaction() || ct == null || !(ct.getApplicationData() instanceof String owner)) {
            return; // a server transaction's timeout (no ACK for a non-2xx) needs nothing from us
        }
        toOwner(owner, ct.getRequest(), h -> h.handleTimeout(ct));
    }

    /** @param message what the event is about, for the Call-ID in the log MDC */
    private void toOwner(String owner, Message message, Consumer<SipResponseHandler> event) {
        SipResponseHandler first = live(whiteboards.responseHandler(owner), Whiteboards.ownerKey(owner));
        Whiteboards.SecondLook<SipResponseHandler> again = first != null ? new Whiteboards.SecondLook<>(first, false)
                : whiteboards.lookAgainOrPark(() -> live(whiteboards.responseHandler(owner), Whiteboards.ownerKey(owner)),
                        () -> parking.park(Whiteboards.ownerKey(owner), () -> toOwner(owner, message, event), () -> { }));
        SipResponseHandler handler = again.handler();
        if (handler != null) {
            deliver(message, () -> event.accept(handler));
        } else if (again.parked()) {
            stats.parked.increment();
        } else {
            LOG.warn("no-owner " + owner, "No response handler for owner '{}': a response or timeout was dropped. "
                    + "Is the bundle that sent the request installed and active?", owner);
        }
    }

    private void deliver(Message message, Runnable r) {
        try (CallIdMdc mdc = CallIdMdc.of(message)) {
            r.run();
        } catch (RuntimeException e) {
            stats.internalErrors.increment();
            LOG.error("response-handler", "A response handler failed", e);
        }
    }

    /** A client transaction the transport ended: its owner gets a local 503 naming the fault ({@link TransportFailures}). */
    @Override
    public void processIOException(IOExceptionEvent event) {
        String why = TransportFailures.reason(event);
        LOG.warn("io " + event.getTransport(), "I/O error towards {}:{} over {}: the message was not delivered ({})",
                event.getHost(), event.getPort(), event.getTransport(), why);
        if (event.getSource() instanceof ClientTransaction ct && ct.getApplicationData() instanceof String owner
                && !Request.ACK.equals(ct.getRequest().getMethod())) {
            Response failed = TransportFailures.response(messageFactory, ct.getRequest(), why);
            if (failed != null) {
                response(failed, ct, owner);
            }
        }
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }

    // ---- what an exchange needs to answer ----------------------------------------------------------------

    SipService sip() {
        return sip;
    }

    Successor successor() {
        return successor;
    }

    MessageFactory messageFactory() {
        return messageFactory;
    }

    HeaderFactory headerFactory() {
        return headerFactory;
    }

    ServerHeader serverHeader() {
        return serverHeader.get();
    }

    void rewriteOutbound(Response response, RewriteContext context) {
        try (CallIdMdc mdc = CallIdMdc.of(response)) {
            RewriterChain.apply(whiteboards.rewriters(), response, context);
        }
    }

    /** The stateless challenger that speaks for the current handler of {@code method}, or null. */
    org.plugboard.api.sip.StatelessChallenger challenger(String method) {
        return whiteboards.challenger(method);
    }

    /**
     * A new request refused statelessly on the receive path (the admission's 503) before it was traced, and the answer
     * sent for it with the {@link #stamp} taken before sending: traced and counted like any other exchange.
     */
    void refusedStatelessly(Message request, Response response, InetSocketAddress source, String transport, long sentMicros) {
        trace.in(request, source, transport);
        answeredStatelessly(response, source, transport, sentMicros);
    }

    /**
     * The ACK of a stateless answer, which ends its exchange here: traced and counted (it crossed the wire and belongs
     * in the ladder), then dropped, since no transaction waits for it.
     */
    void ended(Message ack, InetSocketAddress source, String transport) {
        trace.in(ack, source, transport);
    }

    /** The answer sent on the receive path to a request {@link #inbound} already traced (a stateless challenge). */
    void answeredStatelessly(Response response, InetSocketAddress source, String transport, long sentMicros) {
        stats.responsesOut.increment();
        trace.out(response, source, transport, sentMicros);
    }

    long stamp() {
        return trace.stamp();
    }

    void sent(Response response, ServerRequestImpl exchange, long sentMicros) {
        stats.responsesOut.increment();
        trace.out(response, exchange.source(), exchange.transport(), sentMicros);
    }
}
