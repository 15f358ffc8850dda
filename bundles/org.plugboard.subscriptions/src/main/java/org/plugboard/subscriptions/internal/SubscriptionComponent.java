package org.plugboard.subscriptions.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sip.ClientTransaction;
import javax.sip.SipException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.osgi.framework.Constants;
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
import org.plugboard.api.security.RequestAuthenticator;
import org.plugboard.api.sip.NextHop;
import org.plugboard.api.sip.ServerRequest;
import org.plugboard.api.sip.SipRequestHandler;
import org.plugboard.api.sip.SipResponseHandler;
import org.plugboard.api.sip.SipService;
import org.plugboard.api.subscription.EventPackage;
import org.plugboard.api.subscription.ResourceChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DS component: takes SUBSCRIBE from the SIP bundle and the answers to our NOTIFYs (owner {@value #OWNER}), binds
 * the event packages, and runs the {@link SubscriptionLayer} on one thread of its own; SIP threads only queue work.
 * On deactivation (a {@code bundle:update}) the subscriptions go to the next version through the {@link HandoverStore}.
 * <p>
 * SipService is taken through {@link ComponentServiceObjects} at the first send: SipService binds this component (a
 * handler), so a plain reference would make SCR create SipService while it creates SipService.
 */
@Component(service = {SipRequestHandler.class, SipResponseHandler.class, SubscriptionList.class}, immediate = true,
        configurationPid = "org.plugboard.subscriptions",
        property = {SipRequestHandler.METHODS + "=SUBSCRIBE", SipResponseHandler.OWNER + "=" + SubscriptionComponent.OWNER})
@Designate(ocd = SubscriptionsConfig.class)
public class SubscriptionComponent implements SipRequestHandler, SipResponseHandler, SubscriptionList {
    static final String OWNER = "subscriptions";
    static final String HANDOVER = "org.plugboard.subscriptions";
    static final String HANDOVER_LATE = "org.plugboard.subscriptions.late";
    /** SUBSCRIBEs waiting for the layer's thread beyond this are answered 503 at once (a flood must not pile up). */
    static final int MAX_QUEUED = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionComponent.class);

    private final ComponentServiceObjects<SipService> sipObjects;
    private final HandoverStore handover;
    private final ScheduledExecutorService executor;
    private final Packages packages = new Packages();
    private final Map<EventPackage, ResourceChanges> opened = new ConcurrentHashMap<>();
    private final SubscriptionLayer layer;
    private final LateTraffic gate = new LateTraffic();
    private final AtomicInteger queued = new AtomicInteger();
    private volatile Limits limits;
    private volatile AuthFailureGuard guard;
    private SipService sip;

    @Activate
    public SubscriptionComponent(@Reference(name = "sipService") ComponentServiceObjects<SipService> sip,
            @Reference RequestAuthenticator authenticator,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY) HandoverStore handover,
            SubscriptionsConfig config) {
        this.sipObjects = sip;
        this.handover = handover;
        this.limits = Limits.of(config);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plugboard-subscriptions");
            t.setDaemon(true);
            return t;
        });
        this.layer = new SubscriptionLayer(packages, authenticator, () -> guard, () -> limits, wire(), this::schedule,
                System::currentTimeMillis);
        List<Map<String, Object>> states = handover == null ? List.of() : handover.collect(HANDOVER);
        List<Map<String, Object>> late = handover == null ? List.of() : handover.collect(HANDOVER_LATE);
        run(() -> {
            int adopted = layer.adopt(states);
            late.forEach(item -> LateTraffic.replay(item, layer));
            LOG.info("Subscriptions ready: {}; {} subscription(s) and {} late message(s) taken over from the previous version",
                    limits, adopted, late.size());
        });
    }

    @Modified
    void modified(SubscriptionsConfig config) {
        limits = Limits.of(config); // a bad value throws: SCR logs it and the previous limits stay
        LOG.info("Subscriptions configuration changed: {}", limits);
    }

    @Deactivate
    void deactivate() {
        List<Map<String, Object>> late = gate.close(1000);
        java.util.concurrent.CompletableFuture<List<Map<String, Object>>> states = new java.util.concurrent.CompletableFuture<>();
        try {
            executor.execute(() -> states.complete(layer.handOver())); // after every task already queued
            List<Map<String, Object>> s = states.get(5, TimeUnit.SECONDS);
            if (handover != null) {
                handover.deposit(HANDOVER, s);
                handover.deposit(HANDOVER_LATE, late);
                LOG.info("Subscriptions stopping: {} subscription(s) and {} late message(s) handed over", s.size(), late.size());
            } else if (!s.isEmpty()) {
                LOG.warn("No hand-over store: {} subscription(s) are dropped (their subscribers will get 481 and subscribe again)", s.size());
            }
        } catch (Exception e) {
            LOG.error("Subscriptions could not be handed over; subscribers will get 481 and subscribe again", e);
        } finally {
            executor.shutdownNow();
            synchronized (this) {
                if (sip != null) {
                    sipObjects.ungetService(sip);
                    sip = null;
                }
            }
        }
    }

    // ---- SIP (stack threads: queue and return) -----------------------------------------------------------

    @Override
    public void handle(ServerRequest request) {
        gate.pass("subscribe", request, () -> {
            if (queued.incrementAndGet() > MAX_QUEUED) {
                queued.decrementAndGet();
                request.respond(Response.SERVICE_UNAVAILABLE, "Subscriptions Overloaded");
                return;
            }
            run(() -> {
                queued.decrementAndGet();
                layer.subscribe(request);
            });
        });
    }

    @Override
    public void handleResponse(Response response, ClientTransaction transaction) {
        // A stray (no transaction) is taken too: after an update of the SIP bundle the answer to a NOTIFY the old stack
        // sent comes without one. The layer matches by Call-ID, CSeq and method; a stray 2xx to an INVITE is ignored.
        if (Request.NOTIFY.equals(SubscribeRequests.method(response))) {
            gate.pass("response", response, () -> run(() -> layer.answered(response)));
        }
    }

    @Override
    public void handleTimeout(ClientTransaction transaction) {
        Request request = transaction.getRequest();
        gate.pass("timeout", request, () -> run(() -> layer.timedOut(request)));
    }

    // ---- event packages ------------------------------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addPackage(EventPackage pkg, Map<String, Object> props) {
        String event;
        try {
            event = pkg.event();
        } catch (RuntimeException e) {
            LOG.warn("Event package {} is not used: event() failed: {}", pkg.getClass().getName(), e.toString());
            return;
        }
        if (event == null || !event.matches("[A-Za-z0-9.!%*_+`'~-]+")) {
            LOG.warn("Event package {} is not used: '{}' is not an event package name (RFC 6665 token, e.g. dialog)",
                    pkg.getClass().getName(), event);
            return;
        }
        packages.add(pkg, event, props.get(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0,
                props.get(Constants.SERVICE_ID) instanceof Long l ? l : Long.MAX_VALUE);
        ResourceChanges changes = resource -> {
            if (resource != null) {
                run(() -> layer.changed(event, resource));
            }
        };
        opened.put(pkg, changes);
        pkg.open(changes);
        run(() -> layer.packageArrived(event));
        LOG.info("Event package '{}' available ({}, {})", event, pkg.contentType(), pkg.getClass().getName());
    }

    void removePackage(EventPackage pkg) {
        String event = packages.remove(pkg);
        ResourceChanges changes = opened.remove(pkg);
        if (changes != null) {
            try {
                pkg.close(changes);
            } catch (RuntimeException e) {
                LOG.warn("Event package '{}' failed to close: {}", event, e.toString());
            }
        }
        if (event != null) {
            run(() -> layer.packageLeft(event));
            LOG.info("Event package '{}' left", event);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setGuard(AuthFailureGuard g) {
        guard = g;
    }

    void unsetGuard(AuthFailureGuard g) {
        if (guard == g) {
            guard = null;
        }
    }

    // ---- SubscriptionList (console) ----------------------------------------------------------------------

    @Override
    public List<SubscriptionView> subscriptions() {
        return layer.views();
    }

    @Override
    public List<String> events() {
        return packages.events();
    }

    // ---- plumbing ---------------------------------------------------------------------------------------

    private void run(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("Subscription task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Subscriptions stopped: a task was not run");
        }
    }

    private Runnable schedule(Runnable task, long delayMillis) {
        try {
            ScheduledFuture<?> f = executor.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("Subscription timer failed", e);
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException e) {
            return () -> { };
        }
    }

    private Wire wire() {
        return new Wire() {
            @Override
            public AddressFactory addresses() {
                return sip().addressFactory();
            }

            @Override
            public HeaderFactory headers() {
                return sip().headerFactory();
            }

            @Override
            public MessageFactory messages() {
                return sip().messageFactory();
            }

            @Override
            public SipURI localUri(NextHop toward) {
                return sip().localUri(toward);
            }

            @Override
            public ViaHeader createVia(NextHop toward) {
                return sip().createVia(toward);
            }

            @Override
            public void send(Request request, NextHop hop, String profile) throws SipException {
                sip().send(request, hop, OWNER, profile);
            }
        };
    }

    private synchronized SipService sip() {
        if (sip == null) {
            sip = sipObjects.getService();
            if (sip == null) {
                throw new IllegalStateException("SipService is not available");
            }
        }
        return sip;
    }
}
