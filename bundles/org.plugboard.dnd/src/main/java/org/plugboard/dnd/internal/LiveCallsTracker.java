package org.plugboard.dnd.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallEvents;
import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.LegInfo;
import org.plugboard.api.cdr.CallDetailRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link LiveCalls} current: call events (on the calls' strands, a few map operations each), and a sweep on
 * its own thread that reconciles with {@link CallControl#calls()}: at once when the B2BUA is bound (this bundle
 * installed or updated under live calls), then every {@value #SWEEP_EVERY_S} s. Holds nothing a bundle update
 * would lose: the next version counts the live calls again from the snapshots.
 */
@Component(service = {CallEvents.class, LiveCallsTracker.class})
public class LiveCallsTracker implements CallEvents {
    private static final Logger LOG = LoggerFactory.getLogger(LiveCallsTracker.class);
    static final long SWEEP_EVERY_S = 15;
    /** A call heard of this recently may not be in the B2BUA's snapshots yet: the sweep leaves it alone. */
    static final long SWEEP_GRACE_MS = 10_000;

    private final LiveCalls calls = new LiveCalls();
    private final LongSupplier clock = System::currentTimeMillis;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dnd-call-sweep");
        t.setDaemon(true);
        return t;
    });
    private volatile CallControl control;
    /** The last sweep failure logged, so a lasting one is logged once. */
    private String sweepFailure;

    @Activate
    void activate() {
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_EVERY_S, SWEEP_EVERY_S, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        sweeper.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setControl(CallControl c) {
        control = c;
        sweeper.execute(this::sweep); // count the calls that are up already
    }

    void unsetControl(CallControl c) {
        if (control == c) {
            control = null;
        }
    }

    LiveCalls calls() {
        return calls;
    }

    /** An extension's live calls now, for the console. */
    public record Now(int in, int out) {
    }

    public Now now(String extension) {
        LiveCalls.Usage u = calls.usage(extension);
        return new Now(u.in(), u.out());
    }

    long millis() {
        return clock.getAsLong();
    }

    @Override
    public void created(CallInfo call) {
        calls.created(call.id(), call.caller(), call.callee(), millis());
    }

    @Override
    public void ringing(CallInfo call) {
        calls.progressed(call.id(), call.caller(), call.callee(), false, millis());
    }

    @Override
    public void answered(CallInfo call) {
        calls.answered(call, millis());
    }

    /** A transfer's target took the transferor's place: the call counts for the parties there now. */
    @Override
    public void partyReplaced(CallInfo call, LegInfo left, LegInfo joined) {
        calls.answered(call, millis());
    }

    @Override
    public void released(CallInfo call, CallDetailRecord record) {
        calls.released(call.id(), millis());
    }

    private void sweep() {
        CallControl c = control;
        if (c == null) {
            return;
        }
        try {
            int changes = calls.reconcile(c.calls(), millis(), SWEEP_GRACE_MS);
            if (changes > 0) {
                LOG.info("Call counts reconciled with the B2BUA's live calls: {} call(s) added or dropped, {} counted", changes, calls.size());
            }
            if (sweepFailure != null) {
                LOG.info("Call count sweep works again");
                sweepFailure = null;
            }
        } catch (RuntimeException e) {
            if (!e.toString().equals(sweepFailure)) {
                LOG.warn("Call count sweep failed ({}): calls whose release was missed stay counted until it works", e.toString());
                sweepFailure = e.toString();
            }
        }
    }
}
