package org.plugboard.forwarding.internal;

import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.UnaryOperator;

import org.plugboard.api.calls.CallTag;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.service.ServiceRequest;

/**
 * A feature code dialled from a phone, at ORIGINATING: sets or clears the caller's own forwarding and confirms at
 * once. The check is made from memory on the strand; the write runs on the settings' writer thread, so the strand
 * never waits for SQL (the next call sees the change once it committed, a few milliseconds later). A code used the
 * wrong way is refused with 484, an outside target without the permission with 403, both tagged FEATURE_CODE.
 */
final class FeatureCodeHandler {
    /** Q.850 28: invalid number format (address incomplete). */
    static final int CAUSE_INVALID_NUMBER = 28;
    /** Q.850 50: requested facility not subscribed. */
    static final int CAUSE_NOT_SUBSCRIBED = 50;
    /** Q.850 42: switching equipment congestion. */
    static final int CAUSE_CONGESTION = 42;
    /** The profile of calls from registered phones (lines and trunks have their own names). */
    static final String PHONES = "default";

    private final Forwardings forwardings;
    private final Targets targets;

    FeatureCodeHandler(Forwardings forwardings, Targets targets) {
        this.forwardings = forwardings;
        this.targets = targets;
    }

    /** The outcome for the caller's dialled number; continue when it is no feature code or the caller no phone. */
    Outcome handle(ServiceRequest request, FeatureCodes codes) {
        String caller = request.servedUser();
        if (!PHONES.equals(request.sourceProfile()) || !targets.isInternal(caller)) {
            return Outcome.proceed(); // a line or trunk caller's number is no extension of ours to configure
        }
        Optional<FeatureCodes.Parsed> parsed = codes.parse(request.dialled());
        if (parsed.isEmpty()) {
            return Outcome.proceed();
        }
        FeatureCodes.Parsed code = parsed.get();
        if (code instanceof FeatureCodes.Invalid i) {
            return incomplete(i.text());
        }
        if (code instanceof FeatureCodes.Set set) {
            return set(caller, set);
        }
        if (code instanceof FeatureCodes.Clear clear) {
            return write(caller, s -> s.without(clear.kind()), caller + ": forwarding " + clear.kind().description() + " off");
        }
        return write(caller, Settings::withoutAny, caller + ": all forwarding off");
    }

    private Outcome set(String caller, FeatureCodes.Set set) {
        Settings now = forwardings.get(caller);
        Targets.Problem problem = targets.check(now, set.target());
        if (problem == Targets.Problem.NOT_PERMITTED) {
            return Outcome.reject(403, "Forbidden", CAUSE_NOT_SUBSCRIBED, caller + " may not forward to outside number "
                    + set.target() + " (pbx:fwd-permit " + caller + " external on)", CallTag.FEATURE_CODE);
        }
        if (problem != null) {
            return incomplete(OnceWarnings.explain(caller, set.target(), problem));
        }
        String text = caller + ": forwarding " + set.kind().description() + " to " + set.target()
                + (set.seconds() != null ? " after " + set.seconds() + " s" : "");
        return write(caller, s -> s.with(set.kind(), set.target(), set.seconds()), text);
    }

    private Outcome write(String caller, UnaryOperator<Settings> change, String text) {
        try {
            forwardings.updateLater(caller, change, text);
        } catch (RejectedExecutionException e) {
            return Outcome.reject(503, "Service Unavailable", CAUSE_CONGESTION,
                    "Too many forwarding changes at once; dial the code again", CallTag.FEATURE_CODE);
        }
        return Outcome.confirm(text);
    }

    private static Outcome incomplete(String text) {
        return Outcome.reject(484, "Address Incomplete", CAUSE_INVALID_NUMBER, text, CallTag.FEATURE_CODE);
    }
}
