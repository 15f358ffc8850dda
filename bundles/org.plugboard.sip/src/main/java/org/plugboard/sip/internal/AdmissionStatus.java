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

    static String of(Admission a) {
        return limits(a.limits()) + "; refused " + (a.rejectedRate.sum() + a.rejectedLag.sum()) + " (rate "
                + a.rejectedRate.sum() + ", lag " + a.rejectedLag.sum() + "), last lag " + a.lastLagMillis() + " ms";
    }
}
