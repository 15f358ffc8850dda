package org.plugboard.api.security;

import java.net.InetAddress;

import javax.sip.message.Request;
import javax.sip.message.Response;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Digest authentication of requests other than REGISTER (an INVITE from a local extension), with the same
 * credentials, nonces and ban guard as the registrar. A proxy-style challenge (407, Proxy-Authenticate) is what
 * a B2BUA sends to its callers.
 */
@ProviderType
public interface RequestAuthenticator {
    enum Status {
        /** Credentials are right: {@link Verdict#user()} is the extension. */
        OK,
        /** No usable credentials: answer 407 with {@link #challenge}. */
        CHALLENGE,
        /** Right password, expired nonce: answer 407 with a stale challenge. */
        STALE,
        /** Wrong credentials: answer 403. The failure has been reported to the ban guard. */
        FORBIDDEN
    }

    record Verdict(Status status, String user, String reason) {
    }

    /** Checks the Proxy-Authorization headers of {@code request} received from {@code source}. */
    Verdict verify(Request request, InetAddress source);

    /** Adds the Proxy-Authenticate challenges (one per offered algorithm, one fresh nonce) to a 407. */
    void challenge(Response response, boolean stale);
}
