package org.plugboard.sip.internal.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * One key pair as a TLS server presents it: the private key and its certificate chain (leaf first), as read from
 * disk at one moment. Immutable: a renewed certificate is a new instance.
 */
public record Credentials(PrivateKey key, X509Certificate[] chain) {
    public Credentials {
        if (chain.length == 0) {
            throw new IllegalArgumentException("no certificate");
        }
        chain = chain.clone();
    }

    @Override
    public X509Certificate[] chain() {
        return chain.clone();
    }

    public X509Certificate leaf() {
        return chain[0];
    }

    /** "RSA" or "EC": what the JSSE asks a key manager for. */
    public String keyType() {
        return key.getAlgorithm();
    }

    /** The leaf's serial in hex, as {@code openssl x509 -serial} prints it. */
    public String serial() {
        return leaf().getSerialNumber().toString(16).toUpperCase();
    }

    /** SHA-256 of the leaf's DER encoding, as {@code openssl x509 -fingerprint -sha256} prints it (no colons). */
    public String fingerprint() {
        return fingerprint(leaf());
    }

    public static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the log shows: subject, serial, expiry. */
    public String describe() {
        return "'" + leaf().getSubjectX500Principal().getName() + "' serial " + serial() + " valid until " + leaf().getNotAfter().toInstant();
    }
}
