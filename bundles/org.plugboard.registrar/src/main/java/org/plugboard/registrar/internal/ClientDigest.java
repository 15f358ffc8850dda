package org.plugboard.registrar.internal;

import java.security.SecureRandom;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.function.Supplier;

import javax.sip.header.AuthorizationHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.directory.DigestAlgorithm;
import org.plugboard.api.security.DigestClient;
import org.plugboard.api.sip.SipService;

/**
 * {@link DigestClient}: answers a provider's 401/407 with the computations of {@link Digest}, the same code that
 * checks our own extensions. Stateless: every answer is to a fresh challenge, so nc is always 00000001 with a new
 * random cnonce.
 * <p>
 * The header factory comes from {@link SipService} through {@link ComponentServiceObjects}, taken at the first
 * use, for the reason {@link ProxyAuthenticator} gives: the bundles that use this service are SIP handlers that
 * SipService itself references.
 */
@Component(service = DigestClient.class)
public class ClientDigest implements DigestClient {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One challenge as the client needs it. */
    record Challenge(String realm, String nonce, String opaque, String algorithmToken, DigestAlgorithm algorithm,
            boolean qopAuth) {
    }

    /** The computed answer: the values of the credentials header. */
    record Answer(String response, String cnonce, String nc) {
    }

    private final Supplier<HeaderFactory> headers;
    private final Supplier<String> cnonces;
    private final ComponentServiceObjects<SipService> sipObjects;
    private SipService sip;

    @Activate
    public ClientDigest(@Reference(name = "sipService") ComponentServiceObjects<SipService> sip) {
        this.sipObjects = sip;
        this.headers = () -> sipService().headerFactory();
        this.cnonces = ClientDigest::randomCnonce;
    }

    /** For tests: no OSGi, the factory and the cnonce source given directly. */
    ClientDigest(Supplier<HeaderFactory> headers, Supplier<String> cnonces) {
        this.sipObjects = null;
        this.headers = headers;
        this.cnonces = cnonces;
    }

    @Deactivate
    synchronized void deactivate() {
        if (sip != null) {
            sipObjects.ungetService(sip);
            sip = null;
        }
    }

    private synchronized SipService sipService() {
        if (sip == null) {
            sip = sipObjects.getService();
            if (sip == null) {
                throw new IllegalStateException("SipService is not available");
            }
        }
        return sip;
    }

    @Override
    public boolean authorize(Request request, Response challenge, String username, String password) {
        boolean proxy = challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
        if (!proxy && challenge.getStatusCode() != Response.UNAUTHORIZED) {
            return false;
        }
        Map<String, Challenge> byRealm = usableChallenges(challenge, proxy);
        if (byRealm.isEmpty()) {
            return false;
        }
        String credentialsHeader = proxy ? ProxyAuthorizationHeader.NAME : AuthorizationHeader.NAME;
        List<AuthorizationHeader> answers = new ArrayList<>();
        try {
            for (Challenge c : byRealm.values()) {
                answers.add(header(c, request, username, password, proxy));
            }
        } catch (ParseException e) {
            return false; // a realm, nonce or opaque value the header cannot carry: not usable
        }
        removeCredentialsFor(request, credentialsHeader, byRealm.keySet());
        for (AuthorizationHeader h : answers) {
            request.addHeader(h);
        }
        return true;
    }

    /** The first usable challenge of each realm, in the order the server listed them. */
    static Map<String, Challenge> usableChallenges(Response response, boolean proxy) {
        Map<String, Challenge> byRealm = new LinkedHashMap<>();
        ListIterator<?> it = response.getHeaders(proxy ? ProxyAuthenticateHeader.NAME : WWWAuthenticateHeader.NAME);
        while (it.hasNext()) {
            if (it.next() instanceof WWWAuthenticateHeader h) { // ProxyAuthenticateHeader extends it
                Challenge c = usable(h);
                if (c != null) {
                    byRealm.putIfAbsent(c.realm(), c);
                }
            }
        }
        return byRealm;
    }

    private static Challenge usable(WWWAuthenticateHeader h) {
        if (!"Digest".equalsIgnoreCase(h.getScheme()) || h.getNonce() == null || h.getRealm() == null
                || "true".equalsIgnoreCase(h.getParameter("userhash"))) {
            return null;
        }
        String token = h.getAlgorithm();
        DigestAlgorithm algorithm = DigestAlgorithm.fromSip(token);
        if (algorithm == null) {
            return null; // SHA-512-256, the -sess variants, anything else
        }
        String qop = h.getQop();
        boolean qopAuth = qop != null && qopOffers(qop, "auth");
        if (qop != null && !qopAuth) {
            return null; // auth-int only
        }
        return new Challenge(h.getRealm(), h.getNonce(), h.getOpaque(), token, algorithm, qopAuth);
    }

    private static boolean qopOffers(String qop, String wanted) {
        for (String option : qop.split(",")) {
            if (option.trim().equalsIgnoreCase(wanted)) {
                return true;
            }
        }
        return false;
    }

    /** The request-digest of RFC 7616 3.4.1 (qop=auth) or RFC 2069 (no qop). */
    static Answer answer(Challenge c, String method, String uri, String username, String password, String cnonce) {
        String ha1 = Digest.ha1(c.algorithm(), username, c.realm(), password);
        if (!c.qopAuth()) {
            return new Answer(Digest.response(c.algorithm(), ha1, c.nonce(), null, null, null, method, uri), null, null);
        }
        String nc = "00000001";
        return new Answer(Digest.response(c.algorithm(), ha1, c.nonce(), nc, cnonce, "auth", method, uri), cnonce, nc);
    }

    private AuthorizationHeader header(Challenge c, Request request, String username, String password, boolean proxy)
            throws ParseException {
        HeaderFactory f = headers.get();
        AuthorizationHeader h = proxy ? f.createProxyAuthorizationHeader("Digest") : f.createAuthorizationHeader("Digest");
        Answer a = answer(c, request.getMethod(), request.getRequestURI().toString(), username, password, cnonces.get());
        h.setUsername(username);
        h.setRealm(c.realm());
        h.setNonce(c.nonce());
        h.setURI(request.getRequestURI());
        h.setResponse(a.response());
        if (c.algorithmToken() != null) {
            h.setAlgorithm(c.algorithmToken());
        }
        if (c.opaque() != null) {
            h.setOpaque(c.opaque());
        }
        if (c.qopAuth()) {
            h.setQop("auth");
            h.setCNonce(a.cnonce());
            h.setNonceCount(1);
        }
        return h;
    }

    private static void removeCredentialsFor(Request request, String name, java.util.Set<String> realms) {
        List<Object> keep = new ArrayList<>();
        ListIterator<?> it = request.getHeaders(name);
        while (it.hasNext()) {
            Object h = it.next();
            if (!(h instanceof AuthorizationHeader a && realms.contains(a.getRealm()))) {
                keep.add(h);
            }
        }
        request.removeHeader(name);
        for (Object h : keep) {
            request.addHeader((javax.sip.header.Header) h);
        }
    }

    private static String randomCnonce() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
