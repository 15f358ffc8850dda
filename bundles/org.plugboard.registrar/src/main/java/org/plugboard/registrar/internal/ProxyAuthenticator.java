package org.plugboard.registrar.internal;

import java.net.InetAddress;
import java.text.ParseException;
import java.util.List;
import java.util.function.Supplier;

import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.directory.DigestAlgorithm;
import org.plugboard.api.directory.Directory;
import org.plugboard.api.security.AuthFailureGuard;
import org.plugboard.api.security.RequestAuthenticator;
import org.plugboard.api.sip.SipService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proxy-style digest authentication (407, Proxy-Authenticate, Proxy-Authorization) for the B2BUA, with the
 * registrar's credentials, its nonces ({@link NonceService}) and its ban guard.
 * <p>
 * The header factory for {@link #challenge} comes from {@link SipService}. The reference is static and mandatory,
 * but to {@link ComponentServiceObjects}: SCR then only needs SipService registered, not created, and the service
 * object is taken at the first challenge. A B2BUA handler that references this service is itself referenced by
 * SipService (the handler whiteboard), so a plain service reference here would make SCR create SipService while
 * it is still creating SipService, the cycle {@link RegisterHandler} avoids.
 * <p>
 * A configuration change (algorithms, require.qop) applies in place, so the B2BUA is not restarted by it.
 */
@Component(service = RequestAuthenticator.class, configurationPid = "org.plugboard.registrar", immediate = true)
public class ProxyAuthenticator implements RequestAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyAuthenticator.class);

    private final Directory directory;
    private final AuthFailureGuard guard;
    private final Nonces nonces;
    private final Supplier<HeaderFactory> headers;
    private final ComponentServiceObjects<SipService> sipObjects;
    private volatile SipService sip;
    private volatile DigestAuthenticator authenticator;

    @Activate
    public ProxyAuthenticator(@Reference Directory directory, @Reference AuthFailureGuard guard,
            @Reference NonceService nonces, @Reference(name = "sipService") ComponentServiceObjects<SipService> sip,
            RegistrarConfig config) {
        this.directory = directory;
        this.guard = guard;
        this.nonces = nonces.nonces();
        this.sipObjects = sip;
        this.headers = () -> sipService().headerFactory();
        modified(config);
    }

    /** For tests: no OSGi, the factory given directly. */
    ProxyAuthenticator(Directory directory, AuthFailureGuard guard, Nonces nonces, List<DigestAlgorithm> algorithms,
            boolean requireQop, Supplier<HeaderFactory> headers) {
        this.directory = directory;
        this.guard = guard;
        this.nonces = nonces;
        this.sipObjects = null;
        this.headers = headers;
        this.authenticator = new DigestAuthenticator(DigestAuthenticator.Headers.PROXY, directory, nonces, algorithms,
                requireQop);
    }

    @Modified
    void modified(RegistrarConfig config) {
        List<DigestAlgorithm> algorithms = RegisterHandler.algorithms(config.algorithms());
        authenticator = new DigestAuthenticator(DigestAuthenticator.Headers.PROXY, directory, nonces, algorithms,
                config.require_qop());
        LOG.info("Request authenticator ready: realm '{}', algorithms {}", directory.realm(), algorithms);
    }

    @Deactivate
    void deactivate() {
        SipService s;
        synchronized (this) {
            s = sip;
            sip = null;
        }
        if (s != null) {
            sipObjects.ungetService(s);
        }
    }

    private SipService sipService() {
        SipService s = sip;
        if (s == null) {
            synchronized (this) {
                s = sip;
                if (s == null) {
                    s = sipObjects.getService();
                    if (s == null) {
                        throw new IllegalStateException("SipService is not available");
                    }
                    sip = s;
                }
            }
        }
        return s;
    }

    @Override
    public Verdict verify(Request request, InetAddress source) {
        DigestAuthenticator.Outcome outcome = authenticator.authenticate(request);
        if (outcome instanceof DigestAuthenticator.Ok ok) {
            if (source != null) {
                guard.recordSuccess(source);
            }
            return new Verdict(Status.OK, ok.user(), "Authenticated");
        }
        if (outcome instanceof DigestAuthenticator.Challenge c) {
            return c.stale()
                    ? new Verdict(Status.STALE, null, "Stale or reused nonce")
                    : new Verdict(Status.CHALLENGE, null, "No credentials for realm " + directory.realm());
        }
        DigestAuthenticator.Forbidden f = (DigestAuthenticator.Forbidden) outcome;
        if (f.countsAsFailure() && source != null) {
            guard.recordFailure(source);
        }
        return new Verdict(Status.FORBIDDEN, null, f.reason());
    }

    @Override
    public void challenge(Response response, boolean stale) {
        try {
            authenticator.addChallenges(response, headers.get(), stale);
        } catch (ParseException e) {
            throw new IllegalStateException("Cannot build Proxy-Authenticate for realm '" + directory.realm() + "'", e);
        }
    }
}
