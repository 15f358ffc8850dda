package org.plugboard.sip.internal.tls;

import java.security.NoSuchAlgorithmException;
import java.util.Properties;

import javax.net.ssl.SSLContext;

/**
 * The RI's TLS properties, set once for every stack. Its own defaults would make every connection we open (toward a
 * TLS line or trunk) offer only TLS 1.2 with TLS_RSA_WITH_AES_128_CBC_SHA, a suite current JDKs and servers refuse;
 * so connections we open offer TLS 1.3 and 1.2 with the JDK's default suites (those its security policy allows).
 */
public final class TlsStackProperties {
    private TlsStackProperties() {
    }

    public static void apply(Properties p) {
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled"); // phones have no client certificates
        p.setProperty("gov.nist.javax.sip.SSL_HANDSHAKE_TIMEOUT", "10000"); // a silent TLS peer cannot hold a socket
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.3,TLSv1.2");
        try {
            p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES",
                    String.join(",", SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no default TLS context", e);
        }
    }
}
