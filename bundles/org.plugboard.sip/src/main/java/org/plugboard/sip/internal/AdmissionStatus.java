package org.plugboard.sip.internal;

/** How the admission reads in the log and the console. */
final class AdmissionStatus {
    private AdmissionStatus() {
    }

    static String limits(Admission.Limits l) {
        return "new requests " + (l.maxRate() > 0 ? "<= " + l.maxRate() + "/s" : "unlimited")
                + ", receive lag " + (l.maxLagMillis() > 0 ? "<= " + l.maxLagMillis() + " ms (REGISTER "
                        + l.maxLagMillis() * Admission.REGISTER_LAG_FACTOR + " ms)" : "unlimited")
                + ", else 503 with Retry-After " + l.retryAfter() + " s";
    }

    /**
     * Why a receive queue age limit at or under a lag limit defeats the 503 (requests are dropped unanswered before
     * the lag refuses them), naming the fix; null when the two are in order or either is off.
     */
    static String orderProblem(Admission.Limits l, int dropAfterMillis) {
        long registerLag = l.maxLagMillis() * Admission.REGISTER_LAG_FACTOR;
        if (l.maxLagMillis() == 0 || dropAfterMillis == 0 || dropAfterMillis > registerLag) {
            return null;
        }
        return "org.plugboard.sip overload.drop.after.ms = " + dropAfterMillis + " is not above the receive lag limit ("
                + l.maxLagMillis() + " ms, " + registerLag + " ms for a REGISTER): requests will be dropped unanswered "
                + "before the 503 refuses them. Set overload.drop.after.ms above " + registerLag
                + " or lower overload.max.lag.ms in etc/org.plugboard.sip.cfg";
    }

    /** @param dropAfterMillis the receive queue's age limit; @param droppedStale what it dropped */
    static String of(Admission a, int dropAfterMillis, long droppedStale) {
        return limits(a.limits()) + "; refused " + (a.rejectedRate.sum() + a.rejectedLag.sum()) + " (rate "
                + a.rejectedRate.sum() + ", lag " + a.rejectedLag.sum() + "), last lag " + a.lastLagMillis() + " ms; "
                + (dropAfterMillis > 0 ? "requests queued over " + dropAfterMillis + " ms dropped: " + droppedStale
                        : "no queue age limit (" + droppedStale + " dropped before)");
    }
}
