package org.plugboard.registrar.internal;

import java.text.ParseException;
import java.util.List;
import java.util.ListIterator;

import javax.sip.header.AuthorizationHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.directory.DigestAlgorithm;
import org.plugboard.api.directory.Directory;

/**
 * Server side of SIP digest authentication (RFC 3261 22, RFC 7616, RFC 8760). The answer to a request without
 * usable credentials is the same challenge for every user, so the challenge never reveals which extensions exist;
 * a wrong password and an unknown user both get 403, after the same amount of hashing.
 * <p>
 * One class for both header pairs of RFC 3261 22: the registrar as the UAS ({@link Headers#WWW}) and the B2BUA
 * challenging its callers like a proxy ({@link Headers#PROXY}). Both share the {@link Nonces} of the bundle.
 */
final class DigestAuthenticator {
    /** Which header carries the credentials and which one the challenge. */
    enum Headers {
        /** 401 with WWW-Authenticate, credentials in Authorization (REGISTER). */
        WWW(AuthorizationHeader.NAME) {
            @Override
            WWWAuthenticateHeader create(HeaderFactory headers) throws ParseException {
                return headers.createWWWAuthenticateHeader("Digest");
            }
        },
        /** 407 with Proxy-Authenticate, credentials in Proxy-Authorization (INVITE and other requests). */
        PROXY(ProxyAuthorizationHeader.NAME) {
            @Override
            WWWAuthenticateHeader create(HeaderFactory headers) throws ParseException {
                return headers.createProxyAuthenticateHeader("Digest"); // a ProxyAuthenticateHeader
            }
        };

        private final String credentials;

        Headers(String credentials) {
            this.credentials = credentials;
        }

        /** A challenge header without parameters; {@link ProxyAuthenticateHeader} extends the WWW one. */
        abstract WWWAuthenticateHeader create(HeaderFactory headers) throws ParseException;
    }

    sealed interface Outcome permits Ok, Challenge, Forbidden {
    }

    /** Credentials are right; {@code user} is the authenticated extension. */
    record Ok(String user) implements Outcome {
    }

    /** Send a new challenge; {@code stale} when the credentials were right but the nonce was not (RFC 7616 3.3). */
    record Challenge(boolean stale) implements Outcome {
    }

    /** Wrong credentials; {@code countsAsFailure} feeds the ban guard. */
    record Forbidden(String reason, boolean countsAsFailure) implements Outcome {
    }

    private final Headers headerPair;
    private final Directory directory;
    private final Nonces nonces;
    private final List<DigestAlgorithm> algorithms;
    private final boolean requireQop;

    DigestAuthenticator(Headers headerPair, Directory directory, Nonces nonces, List<DigestAlgorithm> algorithms,
            boolean requireQop) {
        this.headerPair = headerPair;
        this.directory = directory;
        this.nonces = nonces;
        this.algorithms = List.copyOf(algorithms);
        this.requireQop = requireQop;
    }

    Outcome authenticate(Request request) {
        AuthorizationHeader auth = credentialsForUs(request);
        if (auth == null) {
            return new Challenge(false);
        }
        DigestAlgorithm algorithm = DigestAlgorithm.fromSip(auth.getParameter("algorithm"));
        String user = auth.getParameter("username");
        String nonce = auth.getParameter("nonce");
        String uri = auth.getParameter("uri");
        String response = auth.getParameter("response");
        String qop = auth.getParameter("qop");
        String nc = auth.getParameter("nc");
        String cnonce = auth.getParameter("cnonce");
        if (user == null || nonce == null || uri == null || response == null) {
            return new Forbidden("Incomplete credentials", false);
        }
        if (qop != null && !"auth".equalsIgnoreCase(qop)) {
            return new Challenge(false); // auth-int is not offered
        }
        if (qop == null && requireQop) {
            return new Forbidden("Digest without qop=auth refused", false);
        }
        if (qop != null && (nc == null || cnonce == null || !nc.matches("[0-9a-fA-F]{8}"))) {
            return new Forbidden("qop=auth needs nc and cnonce", false);
        }
        // Unknown users are hashed against a throw-away HA1 so both paths cost the same.
        String ha1 = directory.ha1(user, algorithm).orElseGet(() -> Digest.h(algorithm, "\0unknown:" + nonce));
        String expected = Digest.response(algorithm, ha1, nonce, nc, cnonce, qop == null ? null : "auth",
                request.getMethod(), uri);
        if (!Digest.same(expected, response)) {
            return new Forbidden("Wrong credentials", true);
        }
        switch (nonces.check(nonce)) {
            case INVALID, STALE -> {
                return new Challenge(true);
            }
            case VALID -> {
            }
        }
        if (qop != null && !nonces.acceptCount(nonce, Long.parseLong(nc, 16))) {
            return new Challenge(true); // a replayed nonce-count: never accepted, the client may retry with a new nonce
        }
        return new Ok(user);
    }

    /**
     * The Authorization (or Proxy-Authorization) header meant for our realm with an algorithm we offer, if any.
     * {@link ProxyAuthorizationHeader} extends {@link AuthorizationHeader}, so one loop reads both.
     */
    private AuthorizationHeader credentialsForUs(Request request) {
        ListIterator<?> it = request.getHeaders(headerPair.credentials);
        while (it.hasNext()) {
            if (!(it.next() instanceof AuthorizationHeader h)) {
                continue;
            }
            DigestAlgorithm a = DigestAlgorithm.fromSip(h.getParameter("algorithm"));
            if ("Digest".equalsIgnoreCase(h.getScheme()) && directory.realm().equals(h.getParameter("realm"))
                    && a != null && algorithms.contains(a)) {
                return h;
            }
        }
        return null;
    }

    /** Adds one WWW-Authenticate (or Proxy-Authenticate) per offered algorithm, sharing one fresh nonce. */
    void addChallenges(Response response, HeaderFactory headers, boolean stale) throws ParseException {
        String nonce = nonces.issue();
        for (DigestAlgorithm a : algorithms) {
            WWWAuthenticateHeader h = headerPair.create(headers);
            h.setRealm(directory.realm());
            h.setNonce(nonce);
            h.setAlgorithm(a.sipName());
            h.setQop("auth");
            if (stale) {
                h.setStale(true);
            }
            response.addHeader(h);
        }
    }
}
