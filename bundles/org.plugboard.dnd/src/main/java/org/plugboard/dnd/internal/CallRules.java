package org.plugboard.dnd.internal;

import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.plugboard.api.calls.CallTag;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.service.ServiceRequest;

/**
 * What the service decides, from memory only (it runs on the call's strand):
 * <ul>
 * <li>ORIGINATING, for phones: a feature code changes the caller's own setting (written on another thread) and is
 * confirmed at once; otherwise the caller's outgoing limit ({@value #LIMIT_STATUS} {@value #LIMIT_PHRASE} over it).
 * <li>ROUTED: do-not-disturb, then the incoming limit, then call waiting: each gives busy treatment (the callee's
 * BUSY services run, so forwarding on busy applies; else 486).
 * </ul>
 */
final class CallRules {
    /** The profile of calls from phones (registered extensions); lines and trunks have their own. */
    static final String PHONES = "default";
    /**
     * Over the outgoing limit: 480, as Asterisk's chan_sip answers over its call-limit ("480 Temporarily Unavailable
     * (Call limit)"). 486 would tell the caller that the number it dialled is busy, 403 that it must not try again;
     * the caller can call again as soon as one of its calls ends.
     */
    static final int LIMIT_STATUS = 480;
    static final String LIMIT_PHRASE = "Call Limit Reached";
    /** Q.850 34, no circuit/channel available: the caller's channels are all in use (what a full trunk says too). */
    static final int LIMIT_CAUSE = 34;

    private final Function<String, ExtensionSettings> settings;
    private final LiveCalls calls;
    private final LongSupplier clock;
    private final BiConsumer<String, FeatureCode> featureCodeDialled;
    private volatile FeatureCodes codes;

    /**
     * @param featureCodeDialled carries out a feature code for an extension without blocking (the settings write)
     */
    CallRules(Function<String, ExtensionSettings> settings, LiveCalls calls, LongSupplier clock, FeatureCodes codes,
            BiConsumer<String, FeatureCode> featureCodeDialled) {
        this.settings = settings;
        this.calls = calls;
        this.clock = clock;
        this.codes = codes;
        this.featureCodeDialled = featureCodeDialled;
    }

    void codes(FeatureCodes next) {
        codes = next;
    }

    Outcome decide(ServiceRequest request) {
        return switch (request.point()) {
            case ORIGINATING -> originating(request);
            case ROUTED -> routed(request);
            default -> Outcome.proceed();
        };
    }

    private Outcome originating(ServiceRequest r) {
        if (!PHONES.equals(r.sourceProfile())) {
            return Outcome.proceed(); // a caller from a line or trunk is no extension: no codes, no limit
        }
        String ext = r.servedUser();
        Optional<FeatureCode> code = codes.match(r.dialled());
        if (code.isPresent()) {
            featureCodeDialled.accept(ext, code.get());
            return Outcome.confirm(code.get().confirmation(ext));
        }
        int max = settings.apply(ext).maxOut();
        Outcome refusal = calls.originate(r.callId(), ext, clock.getAsLong(), usage -> over(max, usage.out())
                ? Outcome.reject(LIMIT_STATUS, LIMIT_PHRASE, LIMIT_CAUSE, ext + ": all " + max + " outgoing calls in use (pbx:call-limit "
                        + ext + " --out " + max + ")", CallTag.CALL_LIMIT)
                : null);
        return refusal != null ? refusal : Outcome.proceed();
    }

    private Outcome routed(ServiceRequest r) {
        String ext = r.servedUser();
        ExtensionSettings s = settings.apply(ext);
        if (s.dnd()) {
            return Outcome.busy(CallTag.DO_NOT_DISTURB, ext + " has do-not-disturb on");
        }
        Outcome refusal = calls.terminate(r.callId(), ext, clock.getAsLong(), usage -> {
            if (over(s.maxIn(), usage.in())) {
                return Outcome.busy(CallTag.CALL_LIMIT, ext + ": all " + s.maxIn() + " incoming calls in use (pbx:call-limit " + ext
                        + " --in " + s.maxIn() + ")");
            }
            if (!s.callWaiting() && usage.engaged()) {
                return Outcome.busy(CallTag.CALL_LIMIT, ext + " is in a call and has call waiting off");
            }
            return null;
        });
        return refusal != null ? refusal : Outcome.proceed();
    }

    private static boolean over(int max, int now) {
        return max != ExtensionSettings.UNLIMITED && now >= max;
    }
}
