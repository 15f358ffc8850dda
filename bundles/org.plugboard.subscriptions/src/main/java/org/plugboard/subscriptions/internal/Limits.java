package org.plugboard.subscriptions.internal;

/**
 * The configuration, checked: a bad value fails activation (or a change, which keeps the previous limits) with a
 * message that names the key and the fix.
 */
record Limits(int minExpires, int maxExpires, int defaultExpires, int maxPerSubscriber, int graceSeconds) {
    Limits {
        positive("min.expires", minExpires, 60);
        positive("max.expires", maxExpires, 3600);
        positive("max.per.subscriber", maxPerSubscriber, 100);
        if (graceSeconds < 0) {
            throw new IllegalArgumentException("package.grace: " + graceSeconds + " is negative; use 0 or more seconds, e.g. package.grace = 30");
        }
        if (maxExpires < minExpires) {
            throw new IllegalArgumentException("max.expires (" + maxExpires + ") is below min.expires (" + minExpires
                    + "); raise max.expires, e.g. max.expires = 3600");
        }
        if (defaultExpires < minExpires || defaultExpires > maxExpires) {
            throw new IllegalArgumentException("default.expires (" + defaultExpires + ") is outside min.expires..max.expires ("
                    + minExpires + ".." + maxExpires + "); e.g. default.expires = " + maxExpires);
        }
    }

    static Limits of(SubscriptionsConfig c) {
        return new Limits(c.min_expires(), c.max_expires(), c.default_expires(), c.max_per_subscriber(), c.package_grace());
    }

    private static void positive(String key, int value, int example) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + ": " + value + " is not a positive number; e.g. " + key + " = " + example);
        }
    }

    @Override
    public String toString() {
        return "expiry " + minExpires + ".." + maxExpires + " s (default " + defaultExpires + "), at most " + maxPerSubscriber
                + " per subscriber, package grace " + graceSeconds + " s";
    }
}
