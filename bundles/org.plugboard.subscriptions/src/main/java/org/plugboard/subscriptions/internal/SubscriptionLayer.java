package org.plugboard.subscriptions.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.security.AuthFailureGuard;
import org.plugboard.api.security.RequestAuthenticator;
import org.plugboard.api.sip.ServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscription layer without OSGi: SUBSCRIBEs in, NOTIFYs out, event packages coming and going, hand-over. Not
 * thread-safe: the component runs every call on its one thread (tests call it directly with a manual clock and a
 * recording wire); {@link #views()} is the snapshot other threads read.
 */
final class SubscriptionLayer {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionLayer.class);

    private final SubscriptionTable table = new SubscriptionTable();
    private final Packages packages;
    private final Notifier notifier;
    private final SubscribeHandler subscribes;
    private final Supplier<Limits> limits;
    private final Wire wire;
    private final Timers timers;
    /** Per event whose package left: the timer that ends its subscriptions unless the package comes back first. */
    private final Map<String, Runnable> graceTimers = new HashMap<>();

    SubscriptionLayer(Packages packages, RequestAuthenticator authenticator, Supplier<AuthFailureGuard> guard, Supplier<Limits> limits,
            Wire wire, Timers timers, LongSupplier clock) {
        this.packages = packages;
        this.limits = limits;
        this.wire = wire;
        this.timers = (task, delay) -> timers.schedule(() -> { // a timer's work shows in the views like any other
            task.run();
            table.publish();
        }, delay);
        this.notifier = new Notifier(table, packages, wire, this.timers, clock);
        this.subscribes = new SubscribeHandler(table, packages, notifier, authenticator, guard, limits, wire, clock);
    }

    void subscribe(ServerRequest request) {
        subscribes.handle(request);
        table.publish();
    }

    void answered(Response response) {
        if (Request.NOTIFY.equals(SubscribeRequests.method(response))) {
            notifier.answered(response);
            table.publish();
        }
    }

    void timedOut(Request request) {
        if (Request.NOTIFY.equals(request.getMethod())) {
            notifier.timedOut(request);
            table.publish();
        }
    }

    /** A package reported a change of one of its resources. */
    void changed(String event, String resource) {
        for (Subscription s : table.watching(event, resource)) {
            notifier.update(s);
        }
        table.publish();
    }

    /**
     * A package (re)appeared for {@code event}: after an update of its bundle, or of this one, the state may have changed
     * unseen, so every subscription to the event gets a NOTIFY with the current state.
     */
    void packageArrived(String event) {
        Runnable grace = graceTimers.remove(event);
        if (grace != null) {
            grace.run();
        }
        List<Subscription> subs = table.ofEvent(event);
        for (Subscription s : subs) {
            notifier.update(s);
        }
        table.publish();
        if (!subs.isEmpty()) {
            LOG.info("Event package '{}' available: {} subscription(s) notified of the current state", event, subs.size());
        }
    }

    /** The package of {@code event} left: its subscriptions wait for it for the grace time, then end (noresource). */
    void packageLeft(String event) {
        if (packages.get(event) != null || table.ofEvent(event).isEmpty()) {
            return; // another package serves it, or nobody cares
        }
        int grace = limits.get().graceSeconds();
        graceTimers.computeIfAbsent(event, e -> timers.schedule(() -> {
            graceTimers.remove(e);
            if (packages.get(e) == null) {
                List<Subscription> subs = table.ofEvent(e);
                LOG.warn("Event package '{}' did not come back within {} s: {} subscription(s) terminated", e, grace, subs.size());
                subs.forEach(s -> notifier.terminate(s, SubscriptionStateReasons.NO_RESOURCE));
                table.publish();
            }
        }, grace * 1000L));
    }

    // ---- hand-over ----------------------------------------------------------------------------------------

    /** Stops every timer and returns the subscriptions as plain data for the next version; nothing is sent. */
    List<Map<String, Object>> handOver() {
        graceTimers.values().forEach(Runnable::run);
        graceTimers.clear();
        List<Map<String, Object>> states = new ArrayList<>();
        for (Subscription s : table.all()) {
            table.remove(s); // cancels its timers
            states.add(SubscriptionHandover.save(s));
        }
        table.publish();
        return states;
    }

    /**
     * Takes over what the previous version handed over: timers re-armed from their deadlines (an expired one ends at
     * once), unanswered NOTIFYs still matched to their answers. The NOTIFY with the current state follows when the
     * event's package binds ({@link #packageArrived}).
     */
    int adopt(List<Map<String, Object>> states) {
        int adopted = 0;
        for (Map<String, Object> state : states) {
            Subscription s;
            try {
                s = SubscriptionHandover.restore(state, wire.addresses());
            } catch (IllegalArgumentException e) {
                LOG.error("A handed-over subscription could not be taken over and is lost: {} ({})", state.get("callId"), e.getMessage());
                continue;
            }
            table.add(s);
            adopted++;
            if (s.inFlightCseq >= 0) {
                notifier.armLost(s);
            }
            if (s.terminateReason != null) {
                notifier.terminate(s, s.terminateReason);
            } else {
                notifier.armExpiry(s);
            }
        }
        table.publish();
        return adopted;
    }

    List<SubscriptionView> views() {
        return table.views();
    }

    int size() {
        return table.size();
    }
}
