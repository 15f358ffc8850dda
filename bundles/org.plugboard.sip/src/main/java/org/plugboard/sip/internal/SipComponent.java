package org.plugboard.sip.internal;

import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sip.ClientTransaction;
import javax.sip.SipException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ServerHeader;
import javax.sip.header.ViaHeader;
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
import org.plugboard.api.handover.HandoverStore;
import org.plugboard.api.security.AuthFailureGuard;
import org.plugboard.api.sip.NextHop;
import org.plugboard.api.sip.RewriteContext;
import org.plugboard.api.sip.SipMessageRewriter;
import org.plugboard.api.sip.SipProfileResolver;
import org.plugboard.api.sip.SipRequestHandler;
import org.plugboard.api.sip.SipResponseHandler;
import org.plugboard.api.sip.StatelessChallenger;
import org.plugboard.api.sip.SipService;
import org.plugboard.sip.internal.capture.SipCapture;
import org.plugboard.sip.internal.tls.SipTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;

/**
 * The SIP layer as a DS component: wires the plain parts together ({@link StackLifecycle}, {@link Dispatcher},
 * {@link Sender}, {@link LocalRoutes}, {@link Whiteboards}), feeds the whiteboards from service references and
 * applies configuration. Builds the stack itself, without SipFactory (its Class.forName lookup does not work
 * across bundles).
 */
@Component(service = {SipService.class, SipDiagnostics.class}, immediate = true, configurationPid = "org.plugboard.sip")
@Designate(ocd = SipConfig.class)
public class SipComponent implements SipService, SipDiagnostics {
    private static final Logger LOG = LoggerFactory.getLogger(SipComponent.class);

    private final SipStats stats = new SipStats();
    private final Admission admission = new Admission(System::nanoTime);
    private final SipTrace trace = new SipTrace(new TapAddresses(this::listening));
    private final AddressFactory addressFactory = new AddressFactoryImpl();
    private final HeaderFactory headerFactory = new HeaderFactoryImpl();
    private final MessageFactoryImpl messageFactory = new MessageFactoryImpl();
    private final Parking parking = new Parking(10_000, 10_000, System::currentTimeMillis);
    private final Whiteboards whiteboards = new Whiteboards(parking);
    private final Dispatcher dispatcher;
    private final LocalRoutes routes;
    private final StackLifecycle lifecycle;
    private final Sender sender;
    private final SipTls tls = new SipTls();
    private volatile AuthFailureGuard guard;
    private volatile SipConfig config;
    private String orderWarned; // the limits' order problem last logged: once per change, not per configuration update
    private volatile ServerHeader serverHeader;
    private final HandoverStore handover;

    /**
     * @param handover optional and static: where an update of this bundle leaves the parking keys for the next
     *     version (see {@link UpdateHandover}); without it, requests nobody has bound yet get 405 after an update
     */
    @Activate
    public SipComponent(SipConfig config,
            @Reference(name = "handover", cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.RELUCTANT)
            HandoverStore handover)
            throws Exception {
        this.config = config;
        this.handover = handover;
        dispatcher = new Dispatcher(whiteboards, parking, stats, trace, headerFactory, messageFactory, () -> serverHeader,
                () -> guard);
        dispatcher.setSipService(this);
        routes = new LocalRoutes(this::listening, addressFactory, headerFactory);
        lifecycle = new StackLifecycle(dispatcher, stats, routes::clear, tls, admission);
        sender = new Sender(routes, whiteboards, headerFactory, () -> this.config.server_header(), stats, trace);
        applyLive(config);
        tls.apply(TlsConfig.of(config));
        UpdateHandover.adopt(handover, parking); // before the first packet: handlers bind only after this constructor
        lifecycle.start(config);
        dispatcher.successor().adopt(handover, this::answerForEarlierVersion);
    }

    private StackLifecycle.Listening listening() {
        return lifecycle.listening();
    }

    @Modified
    void modified(SipConfig next) throws Exception {
        SipConfig previous = this.config;
        this.config = next;
        applyLive(next);
        lifecycle.reconfigure(previous, next, tls.apply(TlsConfig.of(next)));
    }

    @Deactivate
    void deactivate() {
        dispatcher.successor().stop(handover);
        lifecycle.stop();
        tls.close();
        UpdateHandover.deposit(handover, whiteboards, parking);
        parking.shutdown();
    }

    /** An answer to a request an earlier version of this bundle received (see {@link Successor}). */
    private boolean answerForEarlierVersion(Map<String, Object> m) {
        Response response = (Response) m.get(Successor.RESPONSE);
        InetSocketAddress source = (InetSocketAddress) m.get(Successor.SOURCE);
        String transport = (String) m.get(Successor.TRANSPORT);
        dispatcher.rewriteOutbound(response, new RewriteContext(RewriteContext.Direction.OUTBOUND, (String) m.get(Successor.PROFILE),
                transport, source, headerFactory));
        long at = trace.stamp();
        if (!lifecycle.sendStateless(response)) {
            return false;
        }
        stats.responsesOut.increment();
        trace.out(response, source, transport, at);
        return true;
    }

    private void applyLive(SipConfig c) throws ParseException {
        trace.set(c.trace());
        Admission.Limits limits = new Admission.Limits(c.overload_max_rate(), c.overload_max_lag_ms(), c.overload_retry_after());
        if (!limits.equals(admission.limits())) {
            admission.configure(limits);
            LOG.info("Admission of new requests: {}", AdmissionStatus.limits(limits));
        }
        String order = AdmissionStatus.orderProblem(limits, c.overload_drop_after_ms());
        if (order != null && !order.equals(orderWarned)) {
            LOG.warn(order);
        }
        orderWarned = order;
        parking.setWindow(c.handover_window() * 1000L);
        serverHeader = headerFactory.createServerHeader(List.of(c.server_header()));
        messageFactory.setDefaultServerHeader(serverHeader); // used by the stack's own 400 answers
    }

    // ---- whiteboards -------------------------------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addHandler(ComponentServiceObjects<SipRequestHandler> handler, Map<String, Object> props) {
        whiteboards.addHandler(new Lazy<>(handler), props);
    }

    void removeHandler(ComponentServiceObjects<SipRequestHandler> handler, Map<String, Object> props) {
        whiteboards.removeHandler(props);
    }

    /** Lazy like the handlers: a challenger is usually the handler's own object (the same registration). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addChallenger(ComponentServiceObjects<StatelessChallenger> challenger, Map<String, Object> props) {
        whiteboards.addChallenger(new Lazy<>(challenger), props);
    }

    void removeChallenger(ComponentServiceObjects<StatelessChallenger> challenger, Map<String, Object> props) {
        whiteboards.removeChallenger(props);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addResponseHandler(ComponentServiceObjects<SipResponseHandler> handler, Map<String, Object> props) {
        whiteboards.addResponseHandler(new Lazy<>(handler), props);
    }

    void removeResponseHandler(ComponentServiceObjects<SipResponseHandler> handler, Map<String, Object> props) {
        whiteboards.removeResponseHandler(props);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addRewriter(SipMessageRewriter rewriter, Map<String, Object> props) {
        whiteboards.addRewriter(rewriter, props);
    }

    void removeRewriter(SipMessageRewriter rewriter, Map<String, Object> props) {
        whiteboards.removeRewriter(props);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addResolver(SipProfileResolver resolver, Map<String, Object> props) {
        whiteboards.addResolver(resolver, props);
    }

    void removeResolver(SipProfileResolver resolver, Map<String, Object> props) {
        whiteboards.removeResolver(props);
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

    // ---- SipService --------------------------------------------------------------------------------------

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
        return whiteboards.methods();
    }

    @Override
    public SipURI localUri(NextHop toward) {
        return routes.localUri(toward);
    }

    @Override
    public ViaHeader createVia(NextHop toward) {
        return routes.createVia(toward);
    }

    @Override
    public ClientTransaction send(Request request, NextHop hop, String owner, String profile) throws SipException {
        return sender.send(request, hop, owner, profile);
    }

    @Override
    public ClientTransaction cancel(ClientTransaction invite, String reason, String profile) throws SipException {
        return sender.cancel(invite, reason, profile);
    }

    @Override
    public void sendAck(Request ack, NextHop hop, String profile) throws SipException {
        sender.sendAck(ack, hop, profile);
    }

    // ---- SipDiagnostics ----------------------------------------------------------------------------------

    @Override
    public List<String> listeningPoints() {
        return lifecycle.listening().points();
    }

    @Override
    public String tlsStatus() {
        return TlsConfig.status(tls);
    }

    @Override
    public String tlsProblem() {
        return tls.problem();
    }

    @Override
    public boolean tlsCheckRenewal() {
        return tls.checkForRenewal();
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> m = stats.snapshot();
        m.put("overload-503-rate", admission.rejectedRate.sum());
        m.put("overload-503-lag", admission.rejectedLag.sum());
        m.put("overload-acks-dropped", admission.acksDropped.sum());
        m.put("overload-dropped-stale", lifecycle.droppedStale());
        return m;
    }

    @Override
    public String admissionStatus() {
        return AdmissionStatus.of(admission, config.overload_drop_after_ms(), lifecycle.droppedStale());
    }

    @Override
    public long receiveLagMillis() {
        return admission.lastLagMillis();
    }

    @Override
    public SipCapture capture() {
        return trace.capture();
    }

    @Override
    public boolean traceOn() {
        return trace.isOn();
    }

    @Override
    public void setTrace(boolean on) {
        trace.set(on);
        LOG.info("SIP trace switched {}", on ? "on" : "off");
    }
}
