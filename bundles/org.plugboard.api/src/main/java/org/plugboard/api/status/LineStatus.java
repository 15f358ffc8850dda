package org.plugboard.api.status;

import java.util.List;

/**
 * A snapshot of one external line (never its password).
 *
 * @param name               the line's name (its configuration)
 * @param domain             the provider's domain
 * @param account            the account registered
 * @param transport          UDP or TCP
 * @param register           whether the line registers at all
 * @param state              the registration's state
 * @param lastResponse       e.g. {@code 200 OK}, {@code 403 Forbidden}, {@code timeout}; empty before the first answer
 * @param expiresInSeconds   seconds until the binding expires at the provider, -1 when not registered
 * @param nextAttemptSeconds seconds until the next REGISTER (refresh or retry), -1 when none is scheduled
 * @param failures           failed attempts in a row
 * @param address            where REGISTERs go, as resolved; empty when unresolved
 * @param workarounds        the interop workarounds that apply to the line
 */
public record LineStatus(String name, String domain, String account, String transport, boolean register,
        LineState state, String lastResponse, long expiresInSeconds, long nextAttemptSeconds, int failures,
        String address, List<String> workarounds) {
    public LineStatus {
        workarounds = List.copyOf(workarounds);
    }
}
