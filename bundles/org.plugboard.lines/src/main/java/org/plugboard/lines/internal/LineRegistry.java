package org.plugboard.lines.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.sip.ClientTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.plugboard.api.handover.HandoverStore;
import org.plugboard.api.security.DigestClient;
import org.plugboard.api.sip.NextHop;
import org.plugboard.api.sip.SipMessageRewriter;
import org.plugboard.api.sip.SipProfileResolver;
import org.plugboard.api.sip.SipResponseHandler;
import org.plugboard.api.sip.SipService;
import org.plugboard.configvalues.RewriterNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every line's registration on one thread, receives the answers (owner {@value #OWNER}) and classifies
 * inbound messages from a line's provider as profile {@code line:<name>}.
 * <p>
 * SipService is taken through {@link ComponentServiceObjects} at the first send: SipService binds this component
 * twice (response handler and profile resolver), so a plain reference would make SCR create SipService while it is
 * creating SipService.
 */
@Component(service = {LineRegistry.class, SipResponseHandler.class, SipProfileResolver.class},
        property = SipResponseHandler.OWNER + "=" + LineRegistry.OWNER, immediate = true)
public class LineRegistry implements SipResponseHandler, SipProfileResolver {
    static final String OWNER = "lines";
    static final String HANDOVER_OWNER = "org.plugboard.lines";
    private static final Logger LOG = LoggerFactory.getLogger(LineRegistry.class);
    private static final String INTEROP_PREFIX = "org.plugboard.interop.";

    private final BundleContext context;
    private final ComponentServiceObjects<SipService> sipObjects;
    private final DigestClient digest;
    private final HandoverStore handover;
    private final ScheduledExecutorService executor;
    private final Map<String, LineRegistration> lines = new ConcurrentHashMap<>();
    /** Lines removed but still unregistering: their answers must still reach them. Touched on the executor only. */
    private final List<LineRegistration> leaving = new ArrayList<>();
    private final Map<String, Sequence> sequences = new ConcurrentHashMap<>();
    /** Registrations handed over (by the previous version, or by a line deactivated without being removed). */
    private final Map<String, LineRegistration.Handover> carried = new ConcurrentHashMap<>();
    private SipService sip;
    private RegisterRequests requests;
    /** Told of lines added (before null), changed and removed (after null); see {@link #onChange}. */
    private volatile java.util.function.BiConsumer<LineStatus, LineStatus> changes = (before, after) -> { };

    @Activate
    public LineRegistry(BundleContext context, @Reference(name = "sipService") ComponentServiceObjects<SipService> sip,
            @Reference DigestClient digest,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            HandoverStore handover) {
        this.context = context;
        this.sipObjects = sip;
        this.digest = digest;
        this.handover = handover;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plugboard-lines");
            t.setDaemon(true);
            return t;
        });
        if (handover != null) {
            for (Map<String, Object> s : handover.collect(HANDOVER_OWNER)) {
                try {
                    String name = (String) s.get("name");
                    sequences.put(name, LineHandovers.sequence(s));
                    LineRegistration.Handover h = LineHandovers.registration(s);
                    if (h != null) {
                        carried.put(name, h);
                    }
                } catch (RuntimeException e) { // a state of an unknown shape: that line registers afresh
                    LOG.warn("Hand-over state {} not understood ({}); the line registers afresh", s, e.toString());
                }
            }
        }
        LOG.info("Lines ready ({} Call-ID sequence(s) and {} registration(s) taken over from the previous version)",
                sequences.size(), carried.size());
    }

    /** Lines still running (their components normally went first) are handed over too: an update never unregisters. */
    @Deactivate
    void deactivate() {
        for (String name : List.copyOf(lines.keySet())) {
            handOver(name);
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (handover != null && !sequences.isEmpty()) {
            List<Map<String, Object>> states = new ArrayList<>();
            sequences.forEach((name, s) -> states.add(LineHandovers.toMap(name, s, carried.get(name))));
            handover.deposit(HANDOVER_OWNER, states);
        } else if (!carried.isEmpty()) {
            LOG.warn("No hand-over store: {} line(s) stay registered at their providers until their bindings expire",
                    carried.size());
        }
        synchronized (this) {
            if (sip != null) {
                sipObjects.ungetService(sip);
                sip = null;
            }
        }
    }

    // ---- lines ------------------------------------------------------------------------------------------

    /** Starts a line's registration. @throws IllegalStateException when a line of that name is running */
    void add(LineSettings settings) {
        LineRegistration line = new LineRegistration(settings,
                sequences.computeIfAbsent(settings.name(), n -> Sequence.fresh()), this::requests, digest, wire(), this::schedule,
                InetAddress::getAllByName, System::currentTimeMillis);
        if (lines.putIfAbsent(settings.name(), line) != null) {
            throw new IllegalStateException("a line named '" + settings.name() + "' is already configured");
        }
        line.onChange((before, after) -> changes.accept(before, after));
        changes.accept(null, line.status());
        LineRegistration.Handover h = carried.remove(settings.name());
        LOG.info("Line added: {}{}", settings, h == null ? "" : " (carrying on from a hand-over)");
        run(() -> line.resume(h));
    }

    /**
     * Stops a line without unregistering it (bundle update or stop): its binding at the provider is handed to the
     * next version, which refreshes it with the same Call-ID and the next CSeq. Waits until the line has stopped.
     */
    void handOver(String name) {
        LineRegistration line = lines.remove(name);
        if (line == null) {
            return;
        }
        changes.accept(line.status(), null);
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    carried.put(name, line.handOver());
                } finally {
                    done.complete(null);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("Line {}: lines are stopping; its registration is not handed over and will expire at the provider", name);
            return;
        }
        if (!await(done, LineComponent.UNREGISTER_WAIT_MS)) {
            LOG.warn("Line {}: not stopped within {} ms; its registration is not handed over", name,
                    LineComponent.UNREGISTER_WAIT_MS);
        }
    }

    /** Stops a line and unregisters it; the future completes when the provider has answered (or gave up). */
    CompletableFuture<Void> remove(String name) {
        LineRegistration line = lines.remove(name);
        if (line == null) {
            return CompletableFuture.completedFuture(null);
        }
        carried.remove(name);
        changes.accept(line.status(), null);
        line.onChange((before, after) -> { }); // unregistering is no news of a line that is gone
        LOG.info("Line removed: {}; unregistering", name);
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                leaving.add(line);
                line.stop().whenComplete((v, e) -> { // completes on this executor, or at once
                    leaving.remove(line);
                    done.complete(null);
                });
            });
        } catch (RejectedExecutionException e) {
            done.complete(null);
        }
        return done;
    }

    /**
     * Where the lines' changes go: a line added (before null), its registration's state, answer or address changed,
     * a line removed (after null). Called on the thread that made the change (the lines' executor, or the one adding
     * or removing a line): it must return at once.
     */
    void onChange(java.util.function.BiConsumer<LineStatus, LineStatus> listener) {
        changes = listener == null ? (before, after) -> { } : listener;
    }

    public List<LineStatus> list() {
        return lines.values().stream().map(LineRegistration::status)
                .sorted(Comparator.comparing(s -> s.settings().name())).toList();
    }

    public Optional<LineStatus> status(String name) {
        return Optional.ofNullable(lines.get(name)).map(LineRegistration::status);
    }

    /** Running lines with their resolved targets, for call routing; never blocks. */
    List<LineRoutes.Line> routable() {
        return lines.values().stream().map(l -> new LineRoutes.Line(l.settings(), l.resolvedHop())).toList();
    }

    /** A running line's settings by name. */
    Optional<LineSettings> settings(String name) {
        return Optional.ofNullable(lines.get(name)).map(LineRegistration::settings);
    }

    /** The interop workarounds (rewriter services) that apply to a line, by the short name of their bundle. */
    public List<String> workarounds(String lineName) {
        List<Map.Entry<String, Object>> rewriters = new ArrayList<>();
        try {
            for (ServiceReference<SipMessageRewriter> ref : context.getServiceReferences(SipMessageRewriter.class, null)) {
                String bsn = ref.getBundle() == null ? "?" : ref.getBundle().getSymbolicName();
                rewriters.add(Map.entry(bsn, ref.getProperty(SipMessageRewriter.PROFILES) == null ? ""
                        : ref.getProperty(SipMessageRewriter.PROFILES)));
            }
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return List.of();
        }
        return RewriterNames.forProfile(rewriters, LineSettings.profile(lineName), INTEROP_PREFIX);
    }

    // ---- SIP --------------------------------------------------------------------------------------------

    @Override
    public void handleResponse(Response response, ClientTransaction transaction) {
        if (transaction == null) {
            return; // a stray 2xx to somebody's INVITE: never ours
        }
        String branch = transaction.getBranchId();
        run(() -> {
            for (LineRegistration line : registrations()) {
                if (line.onResponse(response, branch)) {
                    return;
                }
            }
            // e.g. the answer to a REGISTER the previous version of the bundle sent just before handing over
            LOG.info("{} {} answers no REGISTER in flight (branch {}); ignored", response.getStatusCode(),
                    response.getReasonPhrase(), branch);
        });
    }

    @Override
    public void handleTimeout(ClientTransaction transaction) {
        String branch = transaction.getBranchId();
        run(() -> {
            for (LineRegistration line : registrations()) {
                if (line.onTimeout(branch)) {
                    return;
                }
            }
        });
    }

    /** Running and leaving lines; on the executor. */
    private List<LineRegistration> registrations() {
        List<LineRegistration> all = new ArrayList<>(lines.values());
        all.addAll(leaving);
        return all;
    }

    @Override
    public String resolve(Message message, InetSocketAddress remote, String transport) {
        if (remote == null || remote.getAddress() == null || lines.isEmpty()) {
            return null;
        }
        List<LineRegistration> from = new ArrayList<>(2);
        for (LineRegistration line : lines.values()) {
            if (line.addresses().contains(remote.getAddress())) {
                from.add(line);
            }
        }
        if (from.size() <= 1) {
            return from.isEmpty() ? null : from.get(0).settings().profile();
        }
        String user = userOf(message); // several accounts at one provider: the one the message is for
        return from.stream().filter(l -> l.settings().account().equals(user)).findFirst().orElse(from.get(0))
                .settings().profile();
    }

    private static String userOf(Message message) {
        if (message instanceof Request r && r.getRequestURI() instanceof SipURI u && u.getUser() != null) {
            return u.getUser();
        }
        ToHeader to = (ToHeader) message.getHeader(ToHeader.NAME);
        URI uri = to == null ? null : to.getAddress().getURI();
        return uri instanceof SipURI u ? u.getUser() : null;
    }

    // ---- plumbing ---------------------------------------------------------------------------------------

    private void run(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("Line task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("Lines are stopping: a line task (an answer, a timeout, a start) was not run");
        }
    }

    private Runnable schedule(Runnable task, long delayMillis) {
        try {
            ScheduledFuture<?> f = executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException e) {
            return () -> { };
        }
    }

    private LineRegistration.Wire wire() {
        return new LineRegistration.Wire() {
            @Override
            public SipURI localUri(NextHop toward) {
                return sip().localUri(toward);
            }

            @Override
            public ViaHeader createVia(NextHop toward) {
                return sip().createVia(toward);
            }

            @Override
            public String send(Request request, NextHop hop, String profile) throws SipException {
                return sip().send(request, hop, OWNER, profile).getBranchId();
            }
        };
    }

    synchronized RegisterRequests requests() {
        if (requests == null) {
            SipService s = sip();
            requests = new RegisterRequests(s.addressFactory(), s.headerFactory(), s.messageFactory());
        }
        return requests;
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

    /** @return false when it timed out or failed (the caller goes on and says what that means) */
    static boolean await(CompletableFuture<?> f, long millis) {
        try {
            f.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
