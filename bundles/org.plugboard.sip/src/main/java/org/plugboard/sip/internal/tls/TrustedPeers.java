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
            return reporting(tmf.getTrustManagers(), "the JDK's CAs");
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
        return reporting(tmf.getTrustManagers(), "the CAs in " + caCertificates);
    }

    /** Each X.509 trust manager wrapped so that a refused peer is named with the fix ({@link ReportingTrustManager}). */
    private static TrustManager[] reporting(TrustManager[] managers, String trusted) {
        TrustManager[] out = managers.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof javax.net.ssl.X509ExtendedTrustManager x) {
                out[i] = new ReportingTrustManager(x, trusted);
            }
        }
        return out;
    }

    /** The last peer one of {@code managers} refused, with why and the fix; empty when none was. */
    static String lastRefusal(TrustManager[] managers) {
        for (TrustManager m : managers) {
            if (m instanceof ReportingTrustManager r && !r.lastRefusal().isEmpty()) {
                return r.lastRefusal();
            }
        }
        return "";
    }
}
