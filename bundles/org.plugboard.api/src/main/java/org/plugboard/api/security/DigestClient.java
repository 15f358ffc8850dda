package org.plugboard.api.security;

import javax.sip.message.Request;
import javax.sip.message.Response;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The client side of SIP digest authentication (RFC 3261 22.2, RFC 7616, RFC 8760): the PBX acting as a user agent
 * toward a provider (a line's REGISTER, later the B2BUA's INVITE to a line) answers a 401 or 407.
 * <p>
 * Supported: algorithms MD5 and SHA-256 (absent means MD5), {@code qop=auth} with a fresh cnonce and nc, and the
 * RFC 2069 form when the challenge has no qop. Not supported: the {@code -sess} algorithms, {@code qop=auth-int}
 * alone, and {@code userhash=true}; a challenge that needs them is not usable.
 */
@ProviderType
public interface DigestClient {
    /**
     * Adds credentials answering {@code challenge} to {@code request}, the new request that repeats the challenged
     * one (same method and Request-URI, next CSeq): an {@code Authorization} header per realm of a 401's
     * {@code WWW-Authenticate} headers, a {@code Proxy-Authorization} per realm of a 407's
     * {@code Proxy-Authenticate} headers. Within a realm the first challenge it can answer is taken (RFC 8760: the
     * server lists its preferred algorithm first). Credentials already in {@code request} for a realm answered now
     * are replaced. The digest {@code uri} is the Request-URI of {@code request} as it is now.
     *
     * @param request    the request to send next; changed in place
     * @param challenge  the 401 or 407 answer to the previous request
     * @param username   the authorization ID (user name in the credentials), e.g. {@code +8612345678@ims.example}
     * @param password   the plain password
     * @return false, with {@code request} unchanged, when {@code challenge} is not a 401/407 or none of its
     *         challenges is usable (another scheme, an unsupported algorithm or qop, no nonce)
     */
    boolean authorize(Request request, Response challenge, String username, String password);
}
