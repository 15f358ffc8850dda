package org.plugboard.sip.internal.tls;

import java.security.cert.CertificateException;

/**
 * A TLS peer's certificate we refused, with its subject: the handshake fails with it as its cause, so whoever learns of
 * the failure (the request's owner, through the transport failure's 503) can name the peer. Its message is the
 * short form ("TLS peer certificate not trusted: CN=..."); {@link #fix()} the admin's text with the CAs tried.
 */
public final class UntrustedPeer extends CertificateException {
    private static final long serialVersionUID = 1L;

    private final String subject;
    private final String fix;

    UntrustedPeer(String subject, String fix, CertificateException cause) {
        super("TLS peer certificate not trusted: " + subject, cause);
        this.subject = subject;
        this.fix = fix;
    }

    public String subject() {
        return subject;
    }

    /** Who was refused, why, and what to put in tls.ca.certificates. */
    public String fix() {
        return fix;
    }
}
