package org.plugboard.lines.internal;

/**
 * A snapshot of one line for the console.
 *
 * @param lastResponse      e.g. {@code 200 OK}, {@code 403 Forbidden}, {@code timeout}; empty before the first answer
 * @param expiresInSeconds  seconds until the binding expires at the provider, -1 when not registered
 * @param nextAttemptSeconds seconds until the next REGISTER (refresh or retry), -1 when none is scheduled
 * @param address           the address REGISTERs go to, as resolved
 */
public record LineStatus(LineSettings settings, LineState state, String lastResponse, long expiresInSeconds,
        long nextAttemptSeconds, int failures, String callId, long cseq, String address) {
}
