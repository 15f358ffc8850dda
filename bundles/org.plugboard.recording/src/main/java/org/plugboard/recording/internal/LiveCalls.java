package org.plugboard.recording.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The answered calls this bundle decided about, and the on-demand code of each party, in memory and on the call
 * strands (no SQL, no I/O). After a bundle update a call it never saw answered is learnt at its first digit, without
 * its line or trunk.
 */
public final class LiveCalls {
    /** What a digit led to. */
    public sealed interface Decision {
    }

    /** Not (yet) the code. */
    public record Nothing() implements Decision {
    }

    /** The code from a party allowed to use it: start or stop. */
    public record Toggle(String who) implements Decision {
    }

    /** The code from a party not allowed to use it, and why. */
    public record Refused(String who, String why) implements Decision {
    }

    private static final Nothing NOTHING = new Nothing();

    private record Call(CallParties parties, Resolution resolution, ToggleCode callerCode, ToggleCode calleeCode) {
    }

    private final Supplier<Policies> policies;
    private final Supplier<String> code;
    private final LongSupplier millis;
    private final Map<String, Call> calls = new ConcurrentHashMap<>();

    public LiveCalls(Supplier<Policies> policies, Supplier<String> code, LongSupplier millis) {
        this.policies = policies;
        this.code = code;
        this.millis = millis;
    }

    /** The call was answered: @return the mode for it, and where that comes from */
    public Resolution answered(String callId, CallParties parties) {
        return remember(callId, parties).resolution();
    }

    private Call remember(String callId, CallParties parties) {
        Resolution r = policies.get().resolve(parties);
        Call c = new Call(parties, r, new ToggleCode(code.get()), new ToggleCode(code.get()));
        calls.put(callId, c);
        return c;
    }

    /**
     * A DTMF digit of the call from one side.
     *
     * @param ifUnknown the call's parties, for a call answered before this bundle version started
     */
    public Decision dtmf(String callId, Supplier<CallParties> ifUnknown, boolean fromCaller, char digit) {
        Call c = calls.get(callId);
        if (c == null) {
            CallParties p = ifUnknown.get();
            if (p == null) {
                return NOTHING;
            }
            c = remember(callId, p);
        }
        if (!(fromCaller ? c.callerCode() : c.calleeCode()).feed(digit, millis.getAsLong())) {
            return NOTHING;
        }
        String who = fromCaller ? c.parties().caller() : c.parties().answerer();
        if (c.resolution().mode() == Mode.ALWAYS) {
            return new Refused(who, "the call is always recorded (" + c.resolution().source() + "); it cannot be stopped");
        }
        Resolution own = policies.get().forParty(who, c.parties());
        if (own.mode() == Mode.NEVER) {
            return new Refused(who, "recording is never allowed for " + who + " (" + own.source() + ")");
        }
        return new Toggle(who);
    }

    public void released(String callId) {
        calls.remove(callId);
    }

    public int size() {
        return calls.size();
    }
}
