package org.plugboard.api.metrics;

/**
 * The answer of a {@link HealthCheck}.
 *
 * @param ok     true when the part works
 * @param reason what was seen, in words an operator can act on: {@code "listening on UDP 127.0.0.1:5060"},
 *               {@code "no media engine registered: is pbx-media installed and configured?"}
 */
public record Health(boolean ok, String reason) {
    public Health {
        reason = reason == null ? "" : reason;
    }

    public static Health up(String reason) {
        return new Health(true, reason);
    }

    public static Health down(String reason) {
        return new Health(false, reason);
    }
}
