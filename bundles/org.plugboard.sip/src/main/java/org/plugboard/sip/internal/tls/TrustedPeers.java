package org.plugboard.sip.internal.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** Whom we trust toward TLS peers (providers, trunks): the JDK's CAs, or the PEM CA file the configuration names. */
final class TrustedPeers {
    private TrustedPeers() {
    }

    static TrustManager[] of(Path caCertificates) throws IOException, GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (caCertificates == null) {
            tmf.init((KeyStore) null);
            return tmf.getTrustManagers();
        }
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int n = 0;
        try (InputStream in = Files.newInputStream(caCertificates)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca-" + n++, c);
            }
        }
        if (n == 0) {
            throw new GeneralSecurityException(caCertificates + " holds no PEM certificate: give the CA certificates of your TLS "
                    + "peers in tls.ca.certificates, or leave it empty for the JDK's CAs");
        }
        tmf.init(ks);
        return tmf.getTrustManagers();
    }
}
