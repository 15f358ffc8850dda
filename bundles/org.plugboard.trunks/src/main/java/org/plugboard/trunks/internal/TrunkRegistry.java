package org.plugboard.trunks.internal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.sip.message.Message;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.handover.HandoverStore;
import org.plugboard.api.sip.SipMessageRewriter;
import org.plugboard.api.sip.SipProfileResolver;
import org.plugboard.configvalues.RewriterNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running trunks: their resolved addresses (looked up on this bundle's thread, again every
 * {@value #RESOLVE_EVERY_S} s), their call counts, and the classification of inbound messages from their peers as
 * profile {@code trunk:<name>}. The counts go to the next version of this bundle through the hand-over store, and
 * a sweep gives back the slots of calls the B2BUA no longer has, so a slot is never lost for good.
 */
@Component(service = {TrunkRegistry.class, SipProfileResolver.class}, immediate = true)
public class TrunkRegistry implements SipProfileResolver {
    static final String HANDOVER_OWNER = "org.plugboard.trunks";
    static final long RESOLVE_EVERY_S = 300;
    static final long SWEEP_EVERY_S = 30;
    /** A call admitted this recently may not be in the B2BUA's list yet: the sweep leaves it alone. */
    static final long SWEEP_GRACE_MS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(TrunkRegistry.class);
    private static final String INTEROP_PREFIX = "org.plugboard.interop.";

    private final BundleContext context;
    private final HandoverStore handover;
    private final ScheduledExecutorService executor;
    private final Map<String, ResolvedTrunk> trunks = new ConcurrentHashMap<>();
    final TrunkLimits limits = new TrunkLimits();
    private volatile CallControl calls;
    /** The last sweep failure logged, so a lasting one is logged once, not every {@value #SWEEP_EVERY_S} s. */
    private String sweepFailure;
    /** Told of trunks added (before null), resolved anew and removed (after null); see {@link #onChange}. */
    private volatile java.util.function.BiConsumer<TrunkStatus, TrunkStatus> changes = (before, after) -> { };

    @Activate
    public TrunkRegistry(BundleContext context,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY) HandoverStore handover) {
        this.context = context;
        this.handover = handover;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plugboard-trunks");
            t.setDaemon(true);
            return t;
        });
        if (handover != null) {
            List<Map<String, Object>> states = handover.collect(HANDOVER_OWNER);
            int dropped = limits.restore(states);
            if (dropped > 0) {
                LOG.warn("{} of {} handed-over trunk slot(s) not understood and dropped: those trunks count fewer calls "
                        + "than are up until they end", dropped, states.size());
            }
        }
        executor.scheduleWithFixedDelay(this::resolveAll, RESOLVE_EVERY_S, RESOLVE_EVERY_S, TimeUnit.SECONDS);
        executor.scheduleWithFixedDelay(this::sweep, SWEEP_EVERY_S, SWEEP_EVERY_S, TimeUnit.SECONDS);
        LOG.info("Trunks ready ({} call(s) holding trunk slots taken over from the previous version)", limits.calls());
    }

    @Deactivate
    void deactivate() {
        executor.shutdownNow();
        if (handover != null) {
            handover.deposit(HANDOVER_OWNER, limits.save());
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setCalls(CallControl calls) {
        this.calls = calls;
    }

    void unsetCalls(CallControl calls) {
        if (this.calls == calls) {
            this.calls = null;
        }
    }

    // ---- trunks -----------------------------------------------------------------------------------------

    /** Starts a trunk: IP literals count at once, host names once looked up. @throws IllegalStateException on a duplicate name */
    void add(TrunkSettings settings) {
        ResolvedTrunk now = ResolvedTrunk.resolve(settings, ResolvedTrunk::literalOnly);
        if (trunks.putIfAbsent(settings.name(), now) != null) {
            throw new IllegalStateException("a trunk named '" + settings.name() + "' is already configured");
        }
        LOG.info("Trunk added: {}", settings);
        changes.accept(null, status(now));
        if (!now.unresolved().isEmpty() || (settings.address() != null && now.hop() == null)) {
            run(() -> resolve(settings.name()));
        }
    }

    void remove(String name) {
        ResolvedTrunk gone = trunks.remove(name);
        if (gone != null) {
            changes.accept(status(gone), null);
            LOG.info("Trunk removed: {} ({} inbound, {} outbound call(s) up keep their slots until they end)", name,
                    limits.count(name, TrunkLimits.Direction.INBOUND), limits.count(name, TrunkLimits.Direction.OUTBOUND));
        }
    }

    private void resolveAll() {
        trunks.keySet().forEach(this::resolve);
    }

    private void resolve(String name) {
        ResolvedTrunk current = trunks.get(name);
        if (current == null) {
            return;
        }
        ResolvedTrunk fresh = ResolvedTrunk.resolve(current.settings(), ResolvedTrunk::dns);
        if (!fresh.unresolved().isEmpty()) {
            LOG.warn("Trunk {}: cannot resolve {}", name, fresh.unresolved());
        }
        // unless it was removed or replaced meanwhile
        if (trunks.replace(name, current, fresh) && (!java.util.Objects.equals(current.hop(), fresh.hop())
                || !current.unresolved().equals(fresh.unresolved()))) {
            changes.accept(status(current), status(fresh));
        }
    }

    /**
     * Where the trunks' changes go: a trunk added (before null), its addresses resolved differently, a trunk removed
     * (after null). Called on the thread that made the change: it must return at once. Calls coming and going are
     * not changes (they are call events).
     */
    void onChange(java.util.function.BiConsumer<TrunkStatus, TrunkStatus> listener) {
        changes = listener == null ? (before, after) -> { } : listener;
    }

    /** Running trunks for call routing; never blocks. */
    List<TrunkRoutes.Trunk> routable() {
        return trunks.values().stream().map(t -> new TrunkRoutes.Trunk(t.settings(), t.hop())).toList();
    }

    Optional<TrunkSettings> settings(String name) {
        return Optional.ofNullable(trunks.get(name)).map(ResolvedTrunk::settings);
    }

    public List<TrunkStatus> list() {
        return trunks.values().stream().sorted(Comparator.comparing(t -> t.settings().name())).map(this::status)
                .toList();
    }

    private TrunkStatus status(ResolvedTrunk t) {
        return new TrunkStatus(t.settings(), t.hop(), t.unresolved(),
                limits.count(t.settings().name(), TrunkLimits.Direction.INBOUND),
                limits.count(t.settings().name(), TrunkLimits.Direction.OUTBOUND), workarounds(t.settings().name()));
    }

    /** The interop workarounds (rewriter services) that apply to a trunk, by the short name of their bundle. */
    List<String> workarounds(String trunkName) {
        List<Map.Entry<String, Object>> rewriters = new ArrayList<>();
        try {
            for (ServiceReference<SipMessageRewriter> ref : context.getServiceReferences(SipMessageRewriter.class, null)) {
                String bsn = ref.getBundle() == null ? "?" : ref.getBundle().getSymbolicName();
                Object profiles = ref.getProperty(SipMessageRewriter.PROFILES);
                rewriters.add(Map.entry(bsn, profiles == null ? "" : profiles));
            }
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return List.of();
        }
        return RewriterNames.forProfile(rewriters, TrunkSettings.profile(trunkName), INTEROP_PREFIX);
    }

    // ---- SIP --------------------------------------------------------------------------------------------

    @Override
    public String resolve(Message message, InetSocketAddress remote, String transport) {
        if (remote == null || remote.getAddress() == null || trunks.isEmpty()) {
            return null;
        }
        return trunks.values().stream().filter(t -> t.isSource(remote)).map(t -> t.settings().name()).sorted().findFirst()
                .map(TrunkSettings::profile).orElse(null);
    }

    // ---- plumbing ---------------------------------------------------------------------------------------

    private void sweep() {
        CallControl c = calls;
        if (c == null) {
            return; // the B2BUA is away (being updated): its calls may still be up
        }
        try {
            Set<String> live = c.calls().stream().map(CallInfo::id).collect(Collectors.toSet());
            List<String> given = limits.sweep(live, System.currentTimeMillis() - SWEEP_GRACE_MS);
            if (!given.isEmpty()) {
                LOG.warn("Gave back {} trunk slot(s) of calls the B2BUA no longer has (their release was never reported): {}",
                        given.size(), given.size() > 20 ? given.subList(0, 20) + " ..." : given);
            }
            if (sweepFailure != null) {
                LOG.info("Trunk slot sweep works again");
                sweepFailure = null;
            }
        } catch (RuntimeException e) {
            if (!e.toString().equals(sweepFailure)) { // once per distinct failure
                LOG.warn("Trunk slot sweep failed ({}): slots of calls whose release was lost stay taken until it works", e.toString());
                sweepFailure = e.toString();
            }
        }
    }

    private void run(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("Trunk task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("Trunks are stopping: a trunk address lookup was not done");
        }
    }
}
