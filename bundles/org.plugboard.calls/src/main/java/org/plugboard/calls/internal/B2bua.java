package org.plugboard.calls.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sip.ClientTransaction;
import javax.sip.message.Response;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallEvents;
import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.directory.Directory;
import org.plugboard.api.cdr.CdrSink;
import org.plugboard.api.handover.HandoverStore;
import org.plugboard.api.location.LocationService;
import org.plugboard.api.application.MediaApplication;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.routing.CallAdmission;
import org.plugboard.api.routing.Router;
import org.plugboard.api.security.DigestClient;
import org.plugboard.api.security.RequestAuthenticator;
import org.plugboard.api.security.SipCredentials;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.ServicePlan;
import org.plugboard.api.sip.ServerRequest;
import org.plugboard.api.sip.SipRequestHandler;
import org.plugboard.api.sip.SipResponseHandler;
import org.plugboard.api.sip.SipService;
import org.plugboard.api.sip.StatelessChallenger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The B2BUA component: takes INVITE and every in-dialog method from the SIP bundle, the responses to what it
 * sent (owner {@code calls}), and runs the calls on strands. On deactivation (a {@code bundle:update}) it drains
 * the strands and hands every live call to its next version through the {@link HandoverStore}.
 */
@Component(service = {SipRequestHandler.class, StatelessChallenger.class, SipResponseHandler.class, CallControl.class, CallServiceStats.class, CdrBacklog.class}, immediate = true,
        configurationPid = "org.plugboard.calls",
        property = {SipRequestHandler.METHODS + "=INVITE", SipRequestHandler.METHODS + "=ACK", SipRequestHandler.METHODS + "=BYE",
                SipRequestHandler.METHODS + "=CANCEL", SipRequestHandler.METHODS + "=PRACK", SipRequestHandler.METHODS + "=UPDATE",
                SipRequestHandler.METHODS + "=INFO", SipRequestHandler.METHODS + "=REFER", SipRequestHandler.OPTION_TAGS + "=100rel", SipRequestHandler.OPTION_TAGS + "=timer",
                StatelessChallenger.METHODS + "=INVITE", SipResponseHandler.OWNER + "=" + CallLogic.OWNER})
@Designate(ocd = CallsConfig.class)
public class B2bua implements SipRequestHandler, StatelessChallenger, SipResponseHandler, CallControl, CallServiceStats, CdrBacklog {
    private static final Logger LOG = LoggerFactory.getLogger(B2bua.class);
    static final String HANDOVER_TRAFFIC = "org.plugboard.calls.traffic";

    private final HandoverStore handover;
    private final Strands strands;
    private final Publisher publisher = new Publisher();
    private final Ranked<Router> routers = new Ranked<>();
    /** Lines and trunks that can answer a provider's challenge to our INVITE on their profile. */
    private final Ranked<SipCredentials> credentials = new Ranked<>();
    private final Ranked<ServicePlan> plans = new Ranked<>();
    private volatile DigestClient digest;
    /** Trunk limits and other say-so over routed calls. */
    private final Admissions admissions = new Admissions();
    private final CallLogic logic;
    private final InviteChallenge inviteChallenge;
    private final MediaSdp media;
    private volatile CallsConfig config;
    private final StoppingGate gate = new StoppingGate();
    /** Messages the previous version got while it stopped, until they are handled; null when none wait. */
    private volatile List<Map<String, Object>> lateTraffic;
    /** Set once deactivation begins: no new originated calls. */
    private volatile boolean stopping;

    @Activate
    public B2bua(@Reference SipService sip, @Reference LocationService location, @Reference RequestAuthenticator authenticator,
            @Reference HandoverStore handover, @Reference Directory directory, CallsConfig config) {
        this(sip, location, authenticator, handover, new ExtensionRouter(directory), config, new ThreadStrands(Math.max(2, Runtime.getRuntime().availableProcessors() * 2)),
                java.time.Clock.systemUTC(), System::nanoTime);
    }

    /**
     * The component's parts made explicit, so unit tests can drive calls with inline strands and a manual clock;
     * {@code nanoTime} times the call services against their budget (a test's clock, so a busy machine cannot make
     * a service overrun).
     */
    B2bua(SipService sip, LocationService location, RequestAuthenticator authenticator, HandoverStore handover, Router extensions,
            CallsConfig config, Strands strands, java.time.Clock clock, java.util.function.LongSupplier nanoTime) {
        this.strands = strands;
        this.handover = handover;
        this.config = config;
        this.media = new MediaSdp(() -> this.config, strands);
        this.logic = new CallLogic(sip, location, authenticator, routers::get, extensions, publisher, strands, media, config,
                new ChallengeAnswerer(sip, () -> digest, credentials::get), admissions, clock, nanoTime);
        media.listener(logic.mediaEvents);
        this.inviteChallenge = new InviteChallenge(() -> this.config, id -> logic.table.leg(id) != null, () -> stopping,
                () -> authenticator);
        int adopted = CallsHandover.adoptCalls(handover, logic, strands, sip);
        CallsHandover.adoptCdrs(handover, publisher);
        List<Map<String, Object>> traffic = handover.collect(HANDOVER_TRAFFIC);
        lateTraffic = traffic.isEmpty() ? null : traffic;
        if (lateTraffic != null) {
            // SCR binds routers, sinks and listeners after this constructor: the late messages are handled at the first
            // delivery to this version (the SIP bundle delivers once our services are registered), or a moment later
            strands.later(0, 500, this::replayLateTraffic);
        }
        LOG.info("Calls ready: ring timeout {} s, max duration {} s, media engine '{}', {} call(s) and {} late message(s) taken over "
                + "from the previous version", config.ring_timeout(), config.max_call_duration(), config.media_engine(), adopted, traffic.size());
    }

    /** Handles, once, the messages the previous version got while it stopped (see StoppingGate). */
    private void replayLateTraffic() {
        List<Map<String, Object>> traffic;
        synchronized (this) {
            traffic = lateTraffic;
            lateTraffic = null;
        }
        if (traffic == null) {
            return;
        }
        for (Map<String, Object> item : traffic) {
            try {
                StoppingGate.replay(item, logic);
            } catch (RuntimeException e) {
                LOG.error("A SIP message the previous version got while it stopped could not be handled", e);
            }
        }
    }

    @Modified
    void modified(CallsConfig config) {
        this.config = config;
        logic.setConfig(config);
        LOG.info("Calls configuration changed: ring timeout {} s, max duration {} s, min-SE {} s", config.ring_timeout(),
                config.max_call_duration(), config.min_se());
    }

    @Deactivate
    void deactivate() {
        // Services are already unregistered: the SIP bundle parks new traffic for our next version. What is already on
        // its way to us is kept by the gate; then the strands finish what they were given, and every call is handed over.
        stopping = true;
        List<Map<String, Object>> late = gate.close(1000);
        strands.drain(5000);
        int calls = CallsHandover.depositCalls(handover, logic);
        handover.deposit(HANDOVER_TRAFFIC, late);
        gate.afterClose(item -> handover.deposit(HANDOVER_TRAFFIC, List.of(item)));
        int cdrs = CallsHandover.depositCdrs(handover, publisher);
        media.close();
        LOG.info("Calls stopping: {} call(s) (live, or ended within 64*T1), {} late message(s) and {} unwritten CDR(s) handed over",
                calls, late.size(), cdrs);
    }

    // ---- SIP --------------------------------------------------------------------------------------------

    @Override
    public void handle(ServerRequest request) {
        if (lateTraffic != null) {
            replayLateTraffic();
        }
        gate.request(request, () -> logic.onRequest(request));
    }

    /** The calls, live and ended, as the strands keep them (for tests). */
    CallTable table() {
        return logic.table;
    }

    @Override
    public int challengeStatus(javax.sip.message.Request request, String profile) {
        return inviteChallenge.status(request, profile);
    }

    @Override
    public void addChallenge(Response response, javax.sip.header.HeaderFactory headers) {
        inviteChallenge.add(response);
    }

    @Override
    public void handleResponse(Response response, ClientTransaction transaction) {
        if (lateTraffic != null) {
            replayLateTraffic();
        }
        gate.response(response, transaction, () -> logic.onResponse(response, transaction));
    }

    @Override
    public void handleTimeout(ClientTransaction transaction) {
        if (lateTraffic != null) {
            replayLateTraffic();
        }
        gate.timeout(transaction, () -> logic.onTimeout(transaction));
    }

    // ---- CallControl ------------------------------------------------------------------------------------

    @Override
    public List<CallInfo> calls() {
        return logic.table.snapshots();
    }

    @Override
    public Optional<CallInfo> call(String id) {
        return logic.table.snapshot(id);
    }

    @Override
    public boolean hangup(String id, CallTag tag) {
        return logic.hangup(id, tag);
    }

    @Override
    public Optional<MediaSession> media(String id) {
        return logic.table.media(id);
    }

    @Override
    public boolean note(String id, String text) {
        return logic.note(id, text);
    }

    @Override
    public java.util.concurrent.CompletionStage<org.plugboard.api.calls.TransferVerdict> transfer(String id,
            org.plugboard.api.media.Side side, String target) {
        return logic.transfer(id, java.util.Objects.requireNonNull(side, "side"), java.util.Objects.requireNonNull(target, "target"));
    }

    @Override
    public String originate(org.plugboard.api.calls.OriginateRequest request, org.plugboard.api.calls.OriginateListener listener) {
        if (stopping) {
            throw new IllegalStateException("the calls bundle is stopping (being updated): try again in a moment");
        }
        return logic.originate(request, listener);
    }

    @Override
    public int cdrBacklog() {
        return publisher.cdrs.pending();
    }

    // ---- CallServiceStats (console) -----------------------------------------------------------------------

    @Override
    public List<CallServiceStats.Row> services() {
        return logic.services.rows();
    }

    @Override
    public List<String> configuredOrder() {
        return List.of(config.services());
    }

    // ---- whiteboards ------------------------------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addRouter(Router router, Map<String, Object> props) {
        routers.add(router, props);
    }

    void removeRouter(Router router) {
        routers.remove(router);
        logic.gaps.departed();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addCredentials(SipCredentials source, Map<String, Object> props) {
        credentials.add(source, props);
    }

    void removeCredentials(SipCredentials source) {
        credentials.remove(source);
    }

    /** A call service: asked at the detection points of its {@code plugboard.service.points}, by plan or ranking. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addService(CallService service, Map<String, Object> props) {
        Object name = props.get(CallService.NAME);
        java.util.Set<DetectionPoint> points = java.util.EnumSet.noneOf(DetectionPoint.class);
        for (String p : Ranked.strings(props.get(CallService.POINTS))) {
            try {
                points.add(DetectionPoint.valueOf(p.trim().toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                LOG.warn("Call service {} names an unknown detection point '{}' in {} (known: {}): ignored there", name, p,
                        CallService.POINTS, java.util.Arrays.toString(DetectionPoint.values()));
            }
        }
        if (name == null || points.isEmpty()) {
            LOG.warn("Call service {} is not used: it needs the service properties {} (a name) and {} (detection points)",
                    service.getClass().getName(), CallService.NAME, CallService.POINTS);
            return;
        }
        logic.services.add(new ServiceRunner.Registered(service, name.toString(), points,
                props.get(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0,
                props.get(Constants.SERVICE_ID) instanceof Long l ? l : Long.MAX_VALUE));
        LOG.info("Call service '{}' available at {}", name, points);
    }

    void removeService(CallService service) {
        logic.services.remove(service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addApplication(MediaApplication application, Map<String, Object> props) {
        logic.applications.add(application, props);
    }

    void removeApplication(MediaApplication application) {
        logic.applications.remove(application);
        logic.gaps.departed();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addPlan(ServicePlan plan, Map<String, Object> props) {
        plans.add(plan, props);
        logic.services.plans(plans.get());
    }

    void removePlan(ServicePlan plan) {
        plans.remove(plan);
        logic.services.plans(plans.get());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addAdmission(CallAdmission admission, Map<String, Object> props) {
        admissions.services.add(admission, props);
    }

    void removeAdmission(CallAdmission admission) {
        admissions.services.remove(admission);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setDigest(DigestClient client) {
        this.digest = client;
    }

    void unsetDigest(DigestClient client) {
        if (this.digest == client) {
            this.digest = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addMediaGateway(MediaGateway gateway, Map<String, Object> props) {
        String name = String.valueOf(props.get(MediaGateway.ENGINE));
        media.bound(name, gateway);
        // Calls pick their sessions back up by id when their engine (re)appears: after an update of this bundle
        // (only the id was handed over) or of the engine's (the old session object forwards to the new one, but
        // its events now come from the new one, which must have us as its listener).
        for (Call call : logic.handOver()) {
            logic.onStrand(call, () -> {
                if (call.released()) {
                    return;
                }
                if (call.media == null && call.mediaSessionId != null && name.equals(call.mediaEngine)) {
                    call.media = media.adopt(name, call.mediaSessionId);
                } else if (call.media != null && name.equals(call.media.engine())) {
                    MediaSession current = gateway.find(call.media.id()).orElse(null);
                    if (current != null && current != call.media) {
                        current.listener(logic.mediaEvents);
                        call.media = current;
                    }
                }
            });
        }
    }

    void removeMediaGateway(MediaGateway gateway, Map<String, Object> props) {
        media.unbound(String.valueOf(props.get(MediaGateway.ENGINE)), gateway);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addListener(CallEvents listener, Map<String, Object> props) {
        publisher.listeners.add(listener, props);
    }

    void removeListener(CallEvents listener) {
        publisher.listeners.remove(listener);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addSink(CdrSink sink, Map<String, Object> props) {
        Object durable = props.get(CdrSink.DURABLE);
        publisher.cdrs.addSink(sink, Boolean.TRUE.equals(durable) || "true".equalsIgnoreCase(String.valueOf(durable)));
    }

    void removeSink(CdrSink sink) {
        publisher.cdrs.removeSink(sink);
    }
}
