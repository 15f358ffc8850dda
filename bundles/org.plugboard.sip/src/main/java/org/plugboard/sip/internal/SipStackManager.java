package org.plugboard.sip.internal;

import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;

import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.UserAgentHeader;
import javax.sip.header.ViaHeader;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionUnavailableException;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ServerHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.plugboard.api.security.AuthFailureGuard;
import org.plugboard.api.sip.RewriteContext;
import org.plugboard.api.sip.ServerRequest;
import org.plugboard.api.sip.SipMessageRewriter;
import org.plugboard.api.sip.SipProfileResolver;
import org.plugboard.api.sip.NextHop;
import org.plugboard.api.sip.SipRequestHandler;
import org.plugboard.api.sip.SipResponseHandler;
import org.plugboard.api.sip.SipService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.NioMessageProcessorFactory;

/**
 * Owns the JAIN-SIP stack: builds it from configuration (without SipFactory, whose Class.forName lookup does
 * not work across bundles), opens the listening points, and dispatches requests to {@link SipRequestHandler}
 * services by method. The rewriter, resolver and handler whiteboards are immutable lists replaced whole.
 */
@Component(service = {SipService.class, SipStackManager.class}, immediate = true, configurationPid = "org.plugboard.sip")
@Designate(ocd = SipConfig.class)
public class SipStackManager implements SipService, SipListener {
    private static final Logger LOG = LoggerFactory.getLogger(SipStackManager.class);
    private static final AtomicInteger STACK_SEQ = new AtomicInteger();

    private final SipStats stats = new SipStats();
    private final SipTrace trace = new SipTrace();
    private final AddressFactory addressFactory = new AddressFactoryImpl();
    private final HeaderFactory headerFactory = new HeaderFactoryImpl();
    private final MessageFactory messageFactory = new MessageFactoryImpl();

    private volatile List<Whiteboard.Ranked<Lazy<SipRequestHandler>>> handlers = List.of();
    private volatile Map<String, Lazy<SipRequestHandler>> handlerByMethod = Map.of();
    private volatile List<Whiteboard.Ranked<Lazy<SipResponseHandler>>> responseHandlers = List.of();
    private volatile Map<String, Lazy<SipResponseHandler>> responseHandlerByOwner = Map.of();
    private final Parking parking = new Parking(10_000, 10_000, System::currentTimeMillis);
    private volatile List<Whiteboard.Ranked<SipMessageRewriter>> rewriters = List.of();
    private volatile List<Whiteboard.Ranked<SipProfileResolver>> resolvers = List.of();
    private volatile AuthFailureGuard guard;

    private volatile SipConfig config;
    private volatile ServerHeader serverHeader;
    private SipStackImpl stack;
    private volatile Map<String, SipProvider> providerByFamily = Map.of();
    /** The providers as the client side reads them, replaced whole when the stack restarts. */
    private volatile List<SipProvider> liveProviders = List.of();
    private final Map<String, String> sourceByHost = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<SipProvider> providers = new ArrayList<>();

    @Activate
    public SipStackManager(SipConfig config) throws Exception {
        this.config = config;
        applyLive(config);
        start(config);
    }

    @Modified
    void modified(SipConfig next) throws Exception {
        SipConfig previous = this.config;
        this.config = next;
        applyLive(next);
        if (!sameListening(previous, next)) {
            LOG.info("Listening configuration changed: restarting the SIP stack");
            stop();
            start(next);
        }
    }

    @Deactivate
    void deactivate() {
        stop();
        parking.shutdown();
    }

    private void applyLive(SipConfig c) throws ParseException {
        trace.set(c.trace());
        parking.setWindow(c.handover_window() * 1000L);
        serverHeader = headerFactory.createServerHeader(List.of(c.server_header()));
        ((MessageFactoryImpl) messageFactory).setDefaultServerHeader(serverHeader); // used by the stack's own 400 answers
    }

    private static boolean sameListening(SipConfig a, SipConfig b) {
        return Whiteboard.items(a.listen_addresses()).equals(Whiteboard.items(b.listen_addresses())) && a.port() == b.port()
                && Whiteboard.items(a.transports()).equals(Whiteboard.items(b.transports())) && a.threads() == b.threads()
                && a.max_message_size() == b.max_message_size() && a.udp_buffer_size() == b.udp_buffer_size();
    }

    private synchronized void start(SipConfig c) throws Exception {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "plugboard-" + STACK_SEQ.incrementAndGet());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(c.threads()));
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(c.max_message_size()));
        p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", NioMessageProcessorFactory.class.getName());
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(c.udp_buffer_size()));
        p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", Integer.toString(c.udp_buffer_size()));
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "ERROR");
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        SipStackImpl s = new PlugboardSipStack(p);
        s.messageParserFactory = new GuardedParserFactory(stats);
        s.sipMessageValves = new ArrayList<>(List.of(new InboundValve(this)));
        try {
            for (String address : Whiteboard.items(c.listen_addresses())) {
                SipProvider provider = null;
                for (String transport : Whiteboard.items(c.transports())) {
                    ListeningPoint lp = s.createListeningPoint(address, c.port(), transport.toUpperCase());
                    if (provider == null) {
                        provider = s.createSipProvider(lp);
                        provider.addSipListener(this);
                        providers.add(provider);
                    } else {
                        provider.addListeningPoint(lp);
                    }
                }
            }
            s.start();
            providerByFamily = indexByFamily(providers);
            liveProviders = List.copyOf(providers);
        } catch (Exception e) {
            s.stop();
            providers.clear();
            throw new IllegalStateException("Cannot listen on " + Whiteboard.items(c.listen_addresses()) + " port " + c.port()
                    + " (" + e.getMessage() + "). Is another SIP server running? Change etc/org.plugboard.sip.cfg.", e);
        }
        stack = s;
        LOG.info("SIP stack listening on {} port {} {}, server header '{}', trace {}", Whiteboard.items(c.listen_addresses()),
                c.port(), Whiteboard.items(c.transports()), c.server_header(), c.trace() ? "on" : "off");
    }

    private synchronized void stop() {
        if (stack != null) {
            for (SipProvider provider : providers) {
                provider.removeSipListener(this);
            }
            stack.stop();
            stack = null;
            providers.clear();
            providerByFamily = Map.of();
            liveProviders = List.of();
            sourceByHost.clear();
        }
    }

    // ---- whiteboards -------------------------------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addHandler(ComponentServiceObjects<SipRequestHandler> handler, Map<String, Object> props) {
        Set<String> added;
        synchronized (this) {
            Set<String> before = handlerByMethod.keySet();
            handlers = Whiteboard.with(handlers, Whiteboard.ranked(new Lazy<>(handler), props));
            handlerByMethod = indexByMethod(handlers);
            added = new TreeSet<>(handlerByMethod.keySet());
            added.removeAll(before);
        }
        added.forEach(m -> parking.arrived("method " + m));
    }

    void removeHandler(ComponentServiceObjects<SipRequestHandler> handler, Map<String, Object> props) {
        synchronized (this) {
            Set<String> before = handlerByMethod.keySet();
            long id = Whiteboard.id(props);
            handlers.stream().filter(h -> h.id() == id).forEach(h -> h.service().release());
            handlers = Whiteboard.withoutId(handlers, id);
            handlerByMethod = indexByMethod(handlers);
            for (String m : before) {
                if (!handlerByMethod.containsKey(m)) {
                    parking.gone("method " + m);
                }
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addResponseHandler(ComponentServiceObjects<SipResponseHandler> handler, Map<String, Object> props) {
        String owner = String.valueOf(props.get(SipResponseHandler.OWNER));
        synchronized (this) {
            responseHandlers = Whiteboard.with(responseHandlers, Whiteboard.ranked(new Lazy<>(handler), props));
            responseHandlerByOwner = indexByOwner(responseHandlers);
        }
        parking.arrived("owner " + owner);
    }

    void removeResponseHandler(ComponentServiceObjects<SipResponseHandler> handler, Map<String, Object> props) {
        synchronized (this) {
            long id = Whiteboard.id(props);
            responseHandlers.stream().filter(h -> h.id() == id).forEach(h -> h.service().release());
            responseHandlers = Whiteboard.withoutId(responseHandlers, id);
            responseHandlerByOwner = indexByOwner(responseHandlers);
            String owner = String.valueOf(props.get(SipResponseHandler.OWNER));
            if (!responseHandlerByOwner.containsKey(owner)) {
                parking.gone("owner " + owner);
            }
        }
    }

    private static Map<String, Lazy<SipResponseHandler>> indexByOwner(List<Whiteboard.Ranked<Lazy<SipResponseHandler>>> list) {
        Map<String, Lazy<SipResponseHandler>> byOwner = new HashMap<>();
        for (Whiteboard.Ranked<Lazy<SipResponseHandler>> h : list) {
            byOwner.putIfAbsent(String.valueOf(h.props().get(SipResponseHandler.OWNER)), h.service());
        }
        return Map.copyOf(byOwner);
    }

    private static Map<String, Lazy<SipRequestHandler>> indexByMethod(List<Whiteboard.Ranked<Lazy<SipRequestHandler>>> list) {
        Map<String, Lazy<SipRequestHandler>> byMethod = new HashMap<>();
        for (Whiteboard.Ranked<Lazy<SipRequestHandler>> h : list) { // highest ranking first wins
            for (String m : Whiteboard.strings(h.props().get(SipRequestHandler.METHODS))) {
                byMethod.putIfAbsent(m.toUpperCase(), h.service());
            }
        }
        return Map.copyOf(byMethod);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addRewriter(SipMessageRewriter rewriter, Map<String, Object> props) {
        synchronized (this) {
            rewriters = Whiteboard.with(rewriters, Whiteboard.ranked(rewriter, props));
        }
    }

    void removeRewriter(SipMessageRewriter rewriter) {
        synchronized (this) {
            rewriters = Whiteboard.without(rewriters, rewriter);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addResolver(SipProfileResolver resolver, Map<String, Object> props) {
        synchronized (this) {
            resolvers = Whiteboard.with(resolvers, Whiteboard.ranked(resolver, props));
        }
    }

    void removeResolver(SipProfileResolver resolver) {
        synchronized (this) {
            resolvers = Whiteboard.without(resolvers, resolver);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setGuard(AuthFailureGuard guard) {
        this.guard = guard;
    }

    void unsetGuard(AuthFailureGuard guard) {
        if (this.guard == guard) {
            this.guard = null;
        }
    }

    // ---- inbound path ------------------------------------------------------------------------------------

    /** Called by the valve for every parsed message; false drops it. */
    boolean inbound(SIPMessage message, InetSocketAddress source, String transport) {
        AuthFailureGuard g = guard;
        if (g != null && g.isBanned(source.getAddress())) {
            stats.bannedDropped.increment();
            return false;
        }
        String profile = SipProfileResolver.DEFAULT_PROFILE;
        for (Whiteboard.Ranked<SipProfileResolver> r : resolvers) {
            String p = r.service().resolve(message, source, transport);
            if (p != null) {
                profile = p;
                break;
            }
        }
        message.setApplicationData(new Inbound(profile, source, transport.toUpperCase()));
        trace.in(message, source, transport);
        RewriterChain.apply(rewriters, message,
                new RewriteContext(RewriteContext.Direction.INBOUND, profile, transport.toUpperCase(), source));
        return true;
    }

    @Override
    public void processRequest(RequestEvent event) {
        SIPRequest request = (SIPRequest) event.getRequest();
        Inbound inbound = request.getApplicationData() instanceof Inbound i ? i
                : new Inbound(SipProfileResolver.DEFAULT_PROFILE,
                        new InetSocketAddress(request.getRemoteAddress(), request.getRemotePort()), "UDP");
        SipProvider provider = (SipProvider) event.getSource();
        ServerTransaction transaction = event.getServerTransaction();
        if (transaction == null && !Request.ACK.equals(request.getMethod())) {
            try { // at once, so retransmissions that arrive while a handler works are absorbed by the stack
                transaction = provider.getNewServerTransaction(request);
            } catch (TransactionAlreadyExistsException e) {
                return; // a retransmission that raced the first copy: the first copy is being handled
            } catch (TransactionUnavailableException e) {
                LOG.debug("No server transaction for {}: {}", request.getMethod(), e.getMessage());
            }
        }
        dispatch(new ServerRequestImpl(this, provider, transaction, request, inbound), true);
    }

    private void dispatch(ServerRequestImpl exchange, boolean mayPark) {
        Request request = exchange.request();
        String method = request.getMethod();
        MDC.put("callId", ((SIPRequest) request).getCallId().getCallId());
        try {
            String badHeader = firstMalformedHeader((SIPRequest) request);
            if (badHeader != null) {
                stats.badHeaders.increment();
                if (!Request.ACK.equals(method)) {
                    exchange.respond(400, "Malformed " + badHeader + " header");
                }
                return;
            }
            Lazy<SipRequestHandler> handler = handlerByMethod.get(method);
            if (handler != null) {
                handler.get().handle(exchange);
            } else if (mayPark && parking.park("method " + method, () -> dispatch(exchange, false), () -> {
                if (!Request.ACK.equals(method) && !exchange.finalSent()) {
                    exchange.respond(Response.SERVICE_UNAVAILABLE, "Service Being Updated");
                }
            })) {
                stats.parked.increment();
            } else if (Request.OPTIONS.equals(method)) {
                answerOptions(exchange);
            } else if (!Request.ACK.equals(method)) {
                stats.noHandler.increment();
                Response r = exchange.createResponse(Response.METHOD_NOT_ALLOWED);
                r.setHeader(headerFactory.createAllowHeader(String.join(", ", allowedMethods())));
                exchange.respond(r);
            }
        } catch (Exception e) {
            stats.internalErrors.increment();
            LOG.error("Handling {} from {} failed", method, exchange.source(), e);
            if (!exchange.finalSent() && !Request.ACK.equals(method)) {
                exchange.respond(Response.SERVER_INTERNAL_ERROR);
            }
        } finally {
            MDC.remove("callId");
        }
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

    private void answerOptions(ServerRequest exchange) throws ParseException {
        Response r = exchange.createResponse(Response.OK);
        r.setHeader(headerFactory.createAllowHeader(String.join(", ", allowedMethods())));
        Set<String> tags = new TreeSet<>();
        for (Whiteboard.Ranked<Lazy<SipRequestHandler>> h : handlers) {
            tags.addAll(Whiteboard.strings(h.props().get(SipRequestHandler.OPTION_TAGS)));
        }
        r.setHeader(headerFactory.createSupportedHeader(String.join(", ", tags)));
        r.setHeader(headerFactory.createAcceptHeader("application", "sdp"));
        exchange.respond(r);
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        ClientTransaction ct = event.getClientTransaction();
        if (ct != null && ct.getApplicationData() instanceof String owner) {
            toOwner(owner, h -> h.handleResponse(response, ct), true);
        } else { // a stray: typically a 2xx retransmission after the INVITE transaction ended; owners match by Call-ID
            for (Whiteboard.Ranked<Lazy<SipResponseHandler>> h : responseHandlers) {
                deliver(() -> h.service().get().handleResponse(response, null));
            }
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        ClientTransaction ct = event.getClientTransaction();
        if (event.isServerTransaction() || ct == null || !(ct.getApplicationData() instanceof String owner)) {
            return; // a server transaction's timeout (no ACK for a non-2xx) needs nothing from us
        }
        toOwner(owner, h -> h.handleTimeout(ct), true);
    }

    private void toOwner(String owner, java.util.function.Consumer<SipResponseHandler> event, boolean mayPark) {
        Lazy<SipResponseHandler> handler = responseHandlerByOwner.get(owner);
        if (handler != null) {
            deliver(() -> event.accept(handler.get()));
        } else if (mayPark && parking.park("owner " + owner, () -> toOwner(owner, event, false), () -> { })) {
            stats.parked.increment();
        } else {
            LOG.debug("No response handler for owner '{}': event dropped", owner);
        }
    }

    private void deliver(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            stats.internalErrors.increment();
            LOG.error("A response handler failed", e);
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.debug("I/O error towards {}:{} {}", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }

    // ---- SipService and internals ------------------------------------------------------------------------

    @Override
    public AddressFactory addressFactory() {
        return addressFactory;
    }

    @Override
    public HeaderFactory headerFactory() {
        return headerFactory;
    }

    @Override
    public MessageFactory messageFactory() {
        return messageFactory;
    }

    @Override
    public Set<String> allowedMethods() {
        Set<String> methods = new TreeSet<>(handlerByMethod.keySet());
        methods.add(Request.OPTIONS);
        return Collections.unmodifiableSet(methods);
    }

    // ---- client side -------------------------------------------------------------------------------------

    private static Map<String, SipProvider> indexByFamily(List<SipProvider> providers) {
        Map<String, SipProvider> byFamily = new HashMap<>();
        for (SipProvider p : providers) {
            String ip = p.getListeningPoints()[0].getIPAddress();
            byFamily.putIfAbsent(ip.contains(":") ? "6" : "4", p);
        }
        return Map.copyOf(byFamily);
    }

    /**
     * The listening point a request to {@code hop} must leave from: the one bound to the address the kernel
     * routes toward the hop (so a LAN peer is not sent packets from 127.0.0.1), else a wildcard listener of the
     * hop's family, else the family's first.
     */
    private SipProvider providerFor(NextHop hop) throws SipException {
        String family = hop.host().contains(":") ? "6" : "4";
        String local = localAddressToward(hop);
        SipProvider wildcard = null;
        for (SipProvider p : liveProviders) {
            ListeningPoint lp = p.getListeningPoint(hop.transport());
            if (lp == null) {
                continue;
            }
            String ip = lp.getIPAddress();
            if (local != null && sameAddress(ip, local)) {
                return p;
            }
            if (wildcard == null && (ip.equals("0.0.0.0") && family.equals("4") || ip.equals("::") && family.equals("6")
                    || ip.equals("0:0:0:0:0:0:0:0") && family.equals("6"))) {
                wildcard = p;
            }
        }
        if (wildcard != null) {
            return wildcard;
        }
        SipProvider p = providerByFamily.get(family);
        if (p == null || p.getListeningPoint(hop.transport()) == null) {
            throw new SipException("No " + hop.transport() + " listening point for IPv" + family + " to reach " + hop.host()
                    + ": add one to listen.addresses/transports in etc/org.plugboard.sip.cfg");
        }
        return p;
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (IOException e) {
            return false;
        }
    }

    /** Local source address the kernel picks toward a hop (a connected UDP socket sends nothing); cached per host. */
    private String localAddressToward(NextHop hop) {
        String host = hop.host();
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            return null; // a name: resolving it here could block; the stack's router resolves it later
        }
        String cached = sourceByHost.get(host);
        if (cached != null) {
            return cached;
        }
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(InetAddress.getByName(host), hop.port());
            String ip = probe.getLocalAddress().getHostAddress();
            if (sourceByHost.size() > 10_000) {
                sourceByHost.clear();
            }
            sourceByHost.put(host, ip);
            return ip;
        } catch (IOException e) {
            return null;
        }
    }

    /** The address a peer reaches us at: the listening IP, or for a wildcard listener the interface toward the hop. */
    private String advertisedHost(ListeningPoint lp, NextHop hop) {
        String ip = lp.getIPAddress();
        try {
            if (InetAddress.getByName(ip).isAnyLocalAddress()) {
                String local = localAddressToward(hop);
                ip = local != null ? local : ip;
            }
        } catch (IOException e) {
            LOG.debug("Cannot find our address toward {}: {}", hop.host(), e.toString());
        }
        return ip.contains(":") && !ip.startsWith("[") ? "[" + ip + "]" : ip;
    }

    @Override
    public SipURI localUri(NextHop toward) {
        try {
            ListeningPoint lp = providerFor(toward).getListeningPoint(toward.transport());
            SipURI uri = addressFactory.createSipURI(null, advertisedHost(lp, toward));
            uri.setPort(lp.getPort());
            if (!"UDP".equals(toward.transport())) {
                uri.setTransportParam(toward.transport().toLowerCase());
            }
            return uri;
        } catch (SipException | ParseException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public ViaHeader createVia(NextHop toward) {
        try {
            ListeningPoint lp = providerFor(toward).getListeningPoint(toward.transport());
            ViaHeader via = headerFactory.createViaHeader(advertisedHost(lp, toward), lp.getPort(), toward.transport(), null);
            via.setRPort();
            return via;
        } catch (SipException | ParseException | javax.sip.InvalidArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public ClientTransaction send(Request request, NextHop hop, String owner, String profile) throws SipException {
        SipProvider provider = providerFor(hop);
        prepareOutbound(request, hop, profile);
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        if (via != null && via.getBranch() == null) {
            try { // our own branch, set before the stack files the transaction under it
                via.setBranch("z9hG4bK" + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 1)
                        + Long.toHexString(System.nanoTime()));
            } catch (ParseException e) {
                throw new SipException("Cannot set a Via branch: " + e.getMessage());
            }
        }
        ClientTransaction ct = provider.getNewClientTransaction(request);
        ct.setApplicationData(owner);
        ct.sendRequest();
        trace.out(request, hop.host() + ":" + hop.port(), hop.transport());
        stats.requestsOut.increment();
        return ct;
    }

    @Override
    public ClientTransaction cancel(ClientTransaction invite, String reason, String profile) throws SipException {
        if (!(((SIPRequest) invite.getRequest()).getApplicationData() instanceof Outbound o)) {
            throw new SipException("Only an INVITE sent through SipService.send can be cancelled");
        }
        Request cancel = invite.createCancel();
        if (reason != null) {
            try {
                cancel.addHeader(headerFactory.createHeader("Reason", reason));
            } catch (ParseException e) {
                throw new SipException("Bad Reason header value '" + reason + "': " + e.getMessage());
            }
        }
        return send(cancel, o.hop(), String.valueOf(invite.getApplicationData()), profile);
    }

    @Override
    public void sendAck(Request ack, NextHop hop, String profile) throws SipException {
        SipProvider provider = providerFor(hop);
        prepareOutbound(ack, hop, profile);
        provider.sendRequest(ack);
        trace.out(ack, hop.host() + ":" + hop.port(), hop.transport());
        stats.requestsOut.increment();
    }

    private void prepareOutbound(Request request, NextHop hop, String profile) {
        ((SIPRequest) request).setApplicationData(new Outbound(hop, profile));
        if (request.getHeader(ServerHeader.NAME) == null && request.getHeader(UserAgentHeader.NAME) == null) {
            try {
                request.setHeader(headerFactory.createUserAgentHeader(List.of(config.server_header())));
            } catch (ParseException e) {
                // the configured value was checked when it was applied
            }
        }
        RewriterChain.apply(rewriters, request, new RewriteContext(RewriteContext.Direction.OUTBOUND, profile, hop.transport(),
                InetSocketAddress.createUnresolved(hop.host(), hop.port())));
    }

    ServerHeader serverHeader() {
        return serverHeader;
    }

    List<Whiteboard.Ranked<SipMessageRewriter>> rewriters() {
        return rewriters;
    }

    public SipStats stats() {
        return stats;
    }

    SipTrace trace() {
        return trace;
    }

    public boolean traceOn() {
        return trace.isOn();
    }

    /** Switches the trace now, without touching the stored configuration. */
    public void setTrace(boolean on) {
        trace.set(on);
        LOG.info("SIP trace switched {}", on ? "on" : "off");
    }

    public List<String> listeningPoints() {
        List<String> out = new ArrayList<>();
        for (SipProvider p : providers) {
            for (ListeningPoint lp : p.getListeningPoints()) {
                out.add(lp.getTransport() + " " + lp.getIPAddress() + ":" + lp.getPort());
            }
        }
        return out;
    }
}
