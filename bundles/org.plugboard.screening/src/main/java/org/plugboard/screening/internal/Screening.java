package org.plugboard.screening.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import org.plugboard.api.calls.CallTag;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.service.ServiceRequest;

/**
 * The decision, apart from OSGi, from memory only (it runs on the call's strand).
 * <ul>
 * <li>At {@code ORIGINATING}, once per call and before anything is routed or rings, the <b>system list</b> is matched
 * against the caller and the dialled number.</li>
 * <li>At {@code ROUTED}, the <b>personal list</b> of the extension the call is routed to (the served user; asked again
 * for a forwarding target): a white entry lets the call through; else, for an anonymous caller, the extension's
 * anonymous switch refuses it; else its black entries.</li>
 * </ul>
 * In each list a white match wins over any black one; otherwise the most specific black entry decides and refuses
 * its rate's share of the calls it matches, drawn from {@code random} (seeded in tests).
 */
final class Screening {
    private final Supplier<ScreeningState> state;
    private final Supplier<Refusal> refusal;
    private final RandomGenerator random;

    Screening(Supplier<ScreeningState> state, Supplier<Refusal> refusal, RandomGenerator random) {
        this.state = state;
        this.refusal = refusal;
        this.random = random;
    }

    Outcome decide(ServiceRequest request) {
        Match m = match(request);
        if (m == null || !refuses(m.rate())) {
            return Outcome.proceed();
        }
        Refusal r = refusal.get();
        return Outcome.reject(r.status(), r.phrase(), r.cause(), m.reason(), CallTag.SCREENED);
    }

    /** The list entry (or switch) that decides this request, or null when nothing matches. */
    Match match(ServiceRequest request) {
        DetectionPoint point = request.point();
        if (point != DetectionPoint.ORIGINATING && point != DetectionPoint.ROUTED) {
            return null;
        }
        Probe probe = Probe.of(request.caller(), request.callerAnonymous(), request.dialled());
        return point == DetectionPoint.ORIGINATING ? system(state.get(), probe)
                : personal(state.get(), request.servedUser(), probe);
    }

    static Match system(ScreeningState s, Probe probe) {
        Entry e = s.system().deciding(probe);
        return e == null ? null : Match.of(e);
    }

    static Match personal(ScreeningState s, String extension, Probe probe) {
        ScreeningList list = s.personal(extension);
        Entry white = list.white(probe);
        if (white != null) {
            return Match.of(white);
        }
        if (probe.anonymous() && s.refusesAnonymous(extension)) {
            return Match.anonymousSwitch(extension);
        }
        Entry black = list.black(probe);
        return black == null ? null : Match.of(black);
    }

    private boolean refuses(int rate) {
        return rate >= 100 || rate > 0 && random.nextInt(100) < rate;
    }

    /**
     * What the lists would do with a call from {@code caller} ({@code anonymous} for a withheld identity) to
     * {@code called}, assuming it is routed to the extension {@code called}: one line per list, then the result.
     * Draws no random number: a partial rate is reported as such.
     */
    List<String> explain(String caller, String called) {
        ScreeningState s = state.get();
        boolean anonymous = Entry.ANONYMOUS.equalsIgnoreCase(caller.trim());
        Probe probe = Probe.of(anonymous ? null : caller, anonymous, called);
        List<String> out = new ArrayList<>();
        String who = (anonymous ? "an anonymous caller" : caller) + " -> " + called;
        Match system = system(s, probe);
        out.add("System list:   " + line(system));
        if (system != null && system.rate() > 0) {
            out.add("Result: " + who + " is " + result(system));
            return out;
        }
        Match personal = personal(s, called, probe);
        out.add(called + "'s list: " + line(personal));
        out.add("Result: " + who + (personal != null && personal.rate() > 0 ? " is " + result(personal)
                : " goes on (routed and rung as usual)"));
        return out;
    }

    private static String line(Match m) {
        if (m == null) {
            return "no entry matches: passes";
        }
        return m.describe() + (m.white() ? ": passes (white wins over black)"
                : m.rate() == 0 ? ": rate 0%, passes" : m.rate() < 100 ? ": refuses " + m.rate() + "% of such calls" : ": refuses");
    }

    private String result(Match m) {
        return (m.rate() < 100 ? "refused in " + m.rate() + "% of calls" : "refused") + " with " + refusal.get()
                + ", Reason text '" + m.reason() + "'";
    }
}
