package org.plugboard.api.security;

import java.net.InetAddress;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Brute-force protection: after too many failed authentications from one address in a window, every message
 * from that address is dropped for the ban time. Anything that authenticates (REGISTER, INVITE) reports here.
 */
@ProviderType
public interface AuthFailureGuard {
    boolean isBanned(InetAddress source);

    /** A failed authentication (wrong password, unknown user with credentials). */
    void recordFailure(InetAddress source);

    /** A successful authentication; forgets earlier failures of that source. */
    void recordSuccess(InetAddress source);

    List<Ban> bans();

    /** @return false if the address was not banned */
    boolean lift(String address);

    /** @return how many bans were lifted */
    int liftAll();
}
