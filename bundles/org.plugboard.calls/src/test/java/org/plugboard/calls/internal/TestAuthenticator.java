package org.plugboard.calls.internal;

import java.net.InetAddress;
import java.text.ParseException;

import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.security.RequestAuthenticator;

/**
 * The B2BUA's side of digest authentication without the registrar: a request without Proxy-Authorization is
 * challenged; one whose response is {@link #GOOD} is the user it names; any other is forbidden. The digest itself is
 * the registrar's business and tested there.
 */
final class TestAuthenticator implements RequestAuthenticator {
    static final String GOOD = "0123456789abcdef0123456789abcdef";
    private final HeaderFactory headers;

    TestAuthenticator(HeaderFactory headers) {
        this.headers = headers;
    }

    /** A Proxy-Authorization header line for {@code user}, right or wrong. */
    static String credentials(String user, boolean right) {
        return "Proxy-Authorization: Digest username=\"" + user + "\",realm=\"plugboard\",nonce=\"n1\",uri=\"sip:pbx\",response=\""
                + (right ? GOOD : "ffffffffffffffffffffffffffffffff") + "\",algorithm=MD5";
    }

    @Override
    public Verdict verify(Request request, InetAddress source) {
        ProxyAuthorizationHeader h = (ProxyAuthorizationHeader) request.getHeader(ProxyAuthorizationHeader.NAME);
        if (h == null) {
            return new Verdict(Status.CHALLENGE, null, "no credentials");
        }
        return GOOD.equals(h.getResponse()) ? new Verdict(Status.OK, h.getUsername(), null)
                : new Verdict(Status.FORBIDDEN, null, "Wrong password for " + h.getUsername());
    }

    @Override
    public void challenge(Response response, boolean stale) {
        try {
            var c = headers.createProxyAuthenticateHeader("Digest");
            c.setRealm("plugboard");
            c.setNonce("n1");
            c.setAlgorithm("MD5");
            c.setStale(stale);
            response.addHeader(c);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
