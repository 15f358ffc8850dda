package org.plugboard.blf.internal;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.directory.Directory;
import org.plugboard.api.directory.Extension;
import org.plugboard.api.subscription.EventPackage;
import org.plugboard.api.subscription.ResourceChanges;
import org.plugboard.api.subscription.Watch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dialog event package (RFC 4235) for busy lamp fields: any extension may watch any extension; NOTIFY bodies are
 * dialog-info documents of the watched extension's calls on every device. Fed by the B2BUA's call events, which arrive
 * on call strands and are only queued here; one thread of its own keeps {@link DialogStates}. Holds nothing a
 * {@code bundle:update} would lose: the next version reads the live calls from {@link CallControl}, and the
 * subscription layer notifies every watcher of the state then.
 */
@Component(service = {EventPackage.class, CallEvents.class}, immediate = true)
public class DialogPackage implements EventPackage, CallEvents {
    static final String EVENT = "dialog";
    private static final Logger LOG = LoggerFactory.getLogger(DialogPackage.class);
    /** How often the state is checked against the B2BUA's live calls (a release nobody heard). */
    private static final long RECONCILE_SECONDS = 30;

    private final Directory directory;
    private final ScheduledExecutorService executor;
    private final DialogStates states;
    private volatile ResourceChanges changes;
    private volatile CallControl calls;

    @Activate
    public DialogPackage(@Reference Directory directory) {
        this.directory = directory;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plugboard-blf");
            t.setDaemon(true);
            return t;
        });
        this.states = new DialogStates(this::nameOf, System::currentTimeMillis);
        executor.scheduleWithFixedDelay(this::reconcile, RECONCILE_SECONDS, RECONCILE_SECONDS, TimeUnit.SECONDS);
        LOG.info("Dialog event package (BLF) ready");
    }

    @Deactivate
    void deactivate() {
        executor.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setCalls(CallControl control) {
        calls = control;
        run(this::reconcile); // the calls already up when we (or the B2BUA) started
    }

    void unsetCalls(CallControl control) {
        if (calls == control) {
            calls = null;
        }
    }

    // ---- EventPackage (the subscription layer's thread) -----------------------------------------------------

    @Override
    public String event() {
        return EVENT;
    }

    @Override
    public String contentType() {
        return DialogInfoXml.CONTENT_TYPE;
    }

    @Override
    public Access authorize(String subscriber, String resource) {
        return directory.find(resource).isPresent() ? Access.ALLOWED : Access.NO_SUCH_RESOURCE;
    }

    @Override
    public byte[] body(Watch watch) {
        return DialogInfoXml.render(watch, states.dialogs(watch.resource()));
    }

    @Override
    public void open(ResourceChanges c) {
        changes = c;
    }

    @Override
    public void close(ResourceChanges c) {
        if (changes == c) {
            changes = null;
        }
    }

    // ---- CallEvents (call strands: queue and return) ----------------------------------------------------------

    @Override
    public void created(CallInfo call) {
        run(() -> report(states.update(call)));
    }

    @Override
    public void ringing(CallInfo call) {
        run(() -> report(states.update(call)));
    }

    @Override
    public void answered(CallInfo call) {
        run(() -> report(states.update(call)));
    }

    /** A transfer's target took the transferor's place: the transferor's dialog ends, the target's is confirmed. */
    @Override
    public void partyReplaced(CallInfo call, org.plugboard.api.calls.LegInfo left, org.plugboard.api.calls.LegInfo joined) {
        run(() -> report(states.update(call)));
    }

    @Override
    public void released(CallInfo call, CallDetailRecord record) {
        run(() -> report(states.release(call, record == null ? null : record.tag())));
    }

    // ---- plumbing ---------------------------------------------------------------------------------------------

    private void reconcile() {
        CallControl c = calls;
        if (c != null) {
            Collection<CallInfo> live = c.calls();
            report(states.reconcile(live));
        }
    }

    private void report(Set<String> extensions) {
        ResourceChanges c = changes;
        if (c != null) {
            extensions.forEach(c::changed);
        }
    }

    /** Display name of an extension ("" without one), null for a number that is no extension; from the directory's memory. */
    private String nameOf(String number) {
        if (number == null) {
            return null;
        }
        return directory.find(number).map(Extension::displayName).map(n -> n == null ? "" : n).orElse(null);
    }

    private void run(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("Dialog state update failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("BLF stopped: a call event was not applied");
        }
    }

    List<DialogEntry> dialogs(String extension) {
        return states.dialogs(extension);
    }
}
