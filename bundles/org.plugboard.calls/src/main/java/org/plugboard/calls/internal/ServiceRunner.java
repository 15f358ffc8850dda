package org.plugboard.calls.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.plugboard.api.service.CallService;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Diversion;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.service.ServicePlan;
import org.plugboard.api.service.ServiceRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the call services at a detection point, on the call's strand, in the order of the plan: the first plan
 * service (by ranking) that answers, else the {@code services} list of the configuration, else every service
 * registered for the point by ranking. A service that throws is skipped, counted and logged (bounded), and the next
 * one is asked: a broken plugin never stops a call. One that answers later than the budget is counted and logged
 * (bounded), and its answer stands: the time is spent by then, and a pause that was not the service's (a GC, a busy
 * core) must not switch a call limit or a do-not-disturb off for one call.
 * The service list is replaced whole when a service comes or goes, so removing a bundle under live calls just
 * leaves them without it.
 */
final class ServiceRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceRunner.class);
    private static final long LOG_EVERY_NANOS = 60_000_000_000L;

    /** A registered service with the properties that place it. */
    record Registered(CallService service, String name, Set<DetectionPoint> points, int ranking, long serviceId) {
    }

    /** Counters per service name: asked, failed (threw), overran (answered too late). */
    record Counters(AtomicLong asked, AtomicLong failed, AtomicLong overran, AtomicLong lastLogged) {
        Counters() {
            this(new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong(Long.MIN_VALUE));
        }
    }

    private volatile List<Registered> services = List.of();
    private volatile List<ServicePlan> plans = List.of();
    private final Map<String, Counters> counters = new ConcurrentHashMap<>();
    private final Supplier<CallsConfig> config;
    private final Clock clock;
    private final LongSupplier nanoTime;

    ServiceRunner(Supplier<CallsConfig> config, Clock clock, LongSupplier nanoTime) {
        this.config = config;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    // ---- the whiteboard (any thread) -----------------------------------------------------------------------

    synchronized void add(Registered s) {
        List<Registered> next = new ArrayList<>(services);
        next.add(s);
        next.sort(Comparator.comparingInt((Registered r) -> -r.ranking()).thenComparingLong(Registered::serviceId));
        services = List.copyOf(next);
    }

    synchronized void remove(CallService service) {
        services = services.stream().filter(r -> r.service() != service).toList();
    }

    /** Plans in the order they are asked (highest ranking first). */
    void plans(List<ServicePlan> ordered) {
        plans = List.copyOf(ordered);
    }

    List<Registered> registered() {
        return services;
    }

    Map<String, Counters> counters() {
        return counters;
    }

    /** Every registered service with its counters, in ranking order. */
    List<CallServiceStats.Row> rows() {
        return services.stream().map(s -> {
            Counters c = counters.getOrDefault(s.name(), new Counters());
            return new CallServiceStats.Row(s.name(), s.points(), s.ranking(), c.asked().get(), c.failed().get(), c.overran().get());
        }).toList();
    }

    // ---- on the strand ------------------------------------------------------------------------------------

    /** The first outcome other than continue, or continue; ignored by the caller at points that cannot change the call. */
    /** Publishes a call's snapshot (and its media session) before the ANSWERED services are asked; set by the call logic. */
    private java.util.function.Consumer<Call> publishAnswered = c -> { };

    void publishAnswered(java.util.function.Consumer<Call> publish) {
        this.publishAnswered = publish;
    }

    Outcome run(Call call, DetectionPoint point, String servedUser, int failureStatus) {
        if (point == DetectionPoint.ANSWERED) {
            publishAnswered.accept(call); // a recorder asked now finds the answered call's media at once
        }
        return run(call, new View(call, point, servedUser, failureStatus, clock.instant(), null, false, null));
    }

    /**
     * ROUTED for a transfer's target (or a member of the group it is): the call as the target will get it, from the
     * transferee, to the Refer-To number, without the call's forwarding hops.
     */
    Outcome routedForTransfer(Call call, Transfer t, String servedUser) {
        return run(call, new View(call, DetectionPoint.ROUTED, servedUser, 0, clock.instant(), null, false, t));
    }

    /** TRANSFER: the transferor's services on its REFER to {@code target}. */
    Outcome transfer(Call call, String transferor, String target, boolean outside) {
        return run(call, new View(call, DetectionPoint.TRANSFER, transferor, 0, clock.instant(), target, outside, null));
    }

    /** True when some service is registered for the point at all (whatever plans choose per user). */
    boolean anyAt(DetectionPoint point) {
        return services.stream().anyMatch(s -> s.points().contains(point));
    }

    private Outcome run(Call call, View view) {
        DetectionPoint point = view.point();
        List<Registered> chosen = plan(view.servedUser(), point);
        if (chosen.isEmpty()) {
            return Outcome.CONTINUE;
        }
        long budget = config.get().service_budget_ms() * 1_000_000L;
        for (Registered s : chosen) {
            Counters c = counters.computeIfAbsent(s.name(), n -> new Counters());
            c.asked().incrementAndGet();
            long start = nanoTime.getAsLong();
            Outcome outcome;
            try {
                outcome = s.service().handle(view);
            } catch (RuntimeException | LinkageError e) {
                c.failed().incrementAndGet();
                logBounded(c, "Call {}: service '{}' failed at {} and was skipped ({} failures so far)", call.id, s.name(), point, e);
                continue;
            }
            long took = nanoTime.getAsLong() - start;
            if (took > budget) {
                c.overran().incrementAndGet();
                logBounded(c, "Call {}: service '{}' took {} ms at {} (budget {} ms; its answer stands): a call service must "
                        + "answer from memory", call.id, s.name(), took / 1_000_000, point, config.get().service_budget_ms());
            }
            if (outcome instanceof Outcome.RingTimeout rt) {
                if (point == DetectionPoint.ROUTED && (call.ringLimitSeconds == 0 || rt.seconds() < call.ringLimitSeconds)) {
                    call.ringLimitSeconds = rt.seconds(); // the shortest wins; the next service is asked as after continue
                }
                continue;
            }
            if (point == DetectionPoint.TRANSFER && !(outcome instanceof Outcome.Reject)) {
                continue; // only a refusal means something for a REFER; the next service is asked
            }
            if (outcome != null && !(outcome instanceof Outcome.Continue) && point.canChangeTheCall()) {
                LOG.info("Call {} {} -> {}: service '{}' at {}: {}", call.id, call.caller, call.callee, s.name(), point, outcome);
                return outcome;
            }
        }
        return Outcome.CONTINUE;
    }

    /** Tells the services of the call's callee that it ended (outcomes ignored). */
    void released(Call call) {
        run(call, DetectionPoint.RELEASED, call.callee, 0);
    }

    /** The services to ask, in order: the first plan that answers, the configured list, or all by ranking. */
    List<Registered> plan(String servedUser, DetectionPoint point) {
        List<Registered> all = services.stream().filter(s -> s.points().contains(point)).toList();
        if (all.isEmpty()) {
            return all;
        }
        List<String> names = null;
        for (ServicePlan p : plans) {
            try {
                names = p.services(servedUser, point);
            } catch (RuntimeException e) {
                LOG.warn("Service plan {} failed for {} at {}; the next plan decides", p.getClass().getName(), servedUser, point, e);
            }
            if (names != null) {
                break;
            }
        }
        if (names == null) {
            String[] configured = config.get().services();
            names = configured == null || configured.length == 0 ? null : List.of(configured);
        }
        if (names == null) {
            return all;
        }
        List<Registered> ordered = new ArrayList<>();
        for (String n : names) {
            all.stream().filter(s -> s.name().equals(n.trim())).findFirst().ifPresent(ordered::add);
        }
        return ordered;
    }

    private void logBounded(Counters c, String format, Object... args) {
        long now = nanoTime.getAsLong();
        long last = c.lastLogged().get();
        if (last == Long.MIN_VALUE || now - last >= LOG_EVERY_NANOS) {
            if (c.lastLogged().compareAndSet(last, now)) {
                Object[] withCount = args;
                if (args.length > 3 && args[3] instanceof Throwable t) { // failures: name the count, keep the trace
                    withCount = new Object[] {args[0], args[1], args[2], c.failed().get(), t};
                }
                LOG.warn(format, withCount);
            }
        }
    }

    /**
     * What a service sees: read on the strand, while the call cannot change under it. With {@code transfer}: the call
     * a transfer's target is asked about, whose caller is the transferee.
     */
    private record View(Call call, DetectionPoint point, String servedUser, int failureStatus, Instant time, String target, boolean outside,
            Transfer transfer) implements ServiceRequest {
        @Override
        public Optional<String> transferTarget() {
            return Optional.ofNullable(target);
        }

        @Override
        public boolean transferToOutside() {
            return outside;
        }

        @Override
        public String callId() {
            return call.id;
        }

        @Override
        public String caller() {
            return transfer == null ? call.caller : transfer.transferee.peer;
        }

        @Override
        public boolean callerAnonymous() {
            return call.callerAnonymous && fromCaller();
        }

        @Override
        public String dialled() {
            return transfer == null ? call.dialled : transfer.target;
        }

        @Override
        public String callee() {
            return transfer == null ? call.callee : transfer.target;
        }

        @Override
        public Optional<String> targetProfile() {
            if (point != DetectionPoint.ANSWERED && point != DetectionPoint.RELEASED || call.application != null) {
                return Optional.empty();
            }
            Leg answerer = call.answered == null ? null : call.party(call.callingSide.other());
            String profile = answerer == null ? null : answerer.profile;
            return profile == null || profile.equals(org.plugboard.api.sip.SipProfileResolver.DEFAULT_PROFILE) ? Optional.empty()
                    : Optional.of(profile);
        }

        @Override
        public String sourceProfile() {
            return transfer == null ? call.callerLeg.profile : transfer.transferee.profile;
        }

        @Override
        public List<Diversion> diversions() {
            return transfer == null ? List.copyOf(call.diversions) : List.of();
        }

        /** The caller's INVITE speaks for the caller: for a transfer's target only when the caller is the transferee. */
        private boolean fromCaller() {
            return transfer == null || transfer.transferee == call.callerLeg;
        }

        @Override
        public Optional<String> header(String name) {
            javax.sip.message.Request invite = !fromCaller() || call.callerLeg.invite == null ? null : call.callerLeg.invite.request();
            return invite == null ? Optional.empty() : Optional.ofNullable(Dialogs.value(invite, name, null));
        }
    }
}
