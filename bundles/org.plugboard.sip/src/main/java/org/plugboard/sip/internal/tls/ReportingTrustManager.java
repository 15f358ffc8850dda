package org.plugboard.sip.internal.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our trust toward TLS peers (providers, trunks), saying why a peer is refused: the RI only drops the connection,
 * and the line or trunk would see nothing but a timeout 32 s later. A refusal is logged at WARN with the peer, its
 * certificate's subject and issuer and the fix (once a minute per subject at most) and kept for {@code pbx:sip-tls}.
 */
final class ReportingTrustManager extends X509ExtendedTrustManager {
    private static final Logger LOG = LoggerFactory.getLogger(ReportingTrustManager.class);
    private static final long LOG_EVERY_MILLIS = 60_000;

    private final X509ExtendedTrustManager delegate;
    private final String trusted;
    private volatile String lastRefusal = "";
    private volatile long lastLogged;
    private volatile String lastLoggedSubject = "";

    ReportingTrustManager(X509ExtendedTrustManager delegate, String trusted) {
        this.delegate = delegate;
        this.trusted = trusted;
    }

    /** The last peer refused, with why and the fix; empty when none was. */
    String lastRefusal() {
        return lastRefusal;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            // the RI makes its engines without the peer's address: then the subject must say who it is
            throw refused(chain, engine == null || engine.getPeerHost() == null ? null : engine.getPeerHost() + ":" + engine.getPeerPort(), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw refused(chain, socket == null ? null : String.valueOf(socket.getRemoteSocketAddress()), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw refused(chain, null, e);
        }
    }

    /** Logs and keeps the refusal; the handshake fails with an {@link UntrustedPeer} that names the subject. */
    private CertificateException refused(X509Certificate[] chain, String peer, CertificateException e) {
        String subject = chain == null || chain.length == 0 ? "(no certificate)" : chain[0].getSubjectX500Principal().getName();
        String issuer = chain == null || chain.length == 0 ? "?" : chain[0].getIssuerX500Principal().getName();
        String text = (peer == null ? "A TLS peer (a line's provider or a trunk)" : "TLS peer " + peer) + " not trusted: its certificate '" + subject + "' (issued by '" + issuer
                + "') does not chain to " + trusted + " (" + e.getMessage() + "); put its CA certificate in tls.ca.certificates "
                + "of etc/org.plugboard.sip.cfg";
        lastRefusal = text;
        long now = System.currentTimeMillis();
        if (!subject.equals(lastLoggedSubject) || now - lastLogged > LOG_EVERY_MILLIS) {
            lastLoggedSubject = subject;
            lastLogged = now;
            LOG.warn(text);
        }
        return new UntrustedPeer(subject, text, e);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
