package org.plugboard.sip.internal.tls;

import java.nio.file.Path;

/**
 * The TLS part of {@code etc/org.plugboard.sip.cfg}, with relative paths resolved against Karaf's {@code etc/}.
 *
 * @param port           TLS listening port; 0 turns TLS off
 * @param certificate    PEM certificate chain, or null
 * @param privateKey     PEM private key, or null
 * @param keystore       PKCS12 keystore (instead of the two PEM files), or null
 * @param password       the keystore's password
 * @param caCertificates PEM CA certificates trusted toward TLS peers (lines, trunks), or null for the JDK's
 * @param reloadSeconds  how often the files are checked for a renewal; 0 never
 */
public record TlsSettings(int port, Path certificate, Path privateKey, Path keystore, String password, Path caCertificates,
        int reloadSeconds) {
    public static final TlsSettings OFF = new TlsSettings(0, null, null, null, "", null, 0);

    /** Builds settings from the configuration's strings; blank means not set. */
    public static TlsSettings of(int port, String certificate, String privateKey, String keystore, String password,
            String caCertificates, int reloadSeconds) {
        return new TlsSettings(port, path(certificate), path(privateKey), path(keystore), password == null ? "" : password,
                path(caCertificates), Math.max(0, reloadSeconds));
    }

    /** Null when the configuration asks for TLS and names its key material; otherwise why TLS stays off. */
    public String offReason() {
        if (port <= 0) {
            return "tls.port is 0";
        }
        if (keystore == null && certificate == null && privateKey == null) {
            return "no certificate configured (set tls.certificate and tls.private.key, or tls.keystore, in etc/org.plugboard.sip.cfg)";
        }
        if (keystore != null && (certificate != null || privateKey != null)) {
            return "both tls.keystore and tls.certificate/tls.private.key are set: keep one of them";
        }
        if (keystore == null && (certificate == null || privateKey == null)) {
            return (certificate == null ? "tls.certificate" : "tls.private.key") + " is missing: TLS needs both PEM files";
        }
        if (port > 65535) {
            return "tls.port " + port + " is out of range (1-65535)";
        }
        return null;
    }

    /** The files whose change means a renewal. */
    Path[] watched() {
        return keystore != null ? new Path[] {keystore} : new Path[] {certificate, privateKey};
    }

    private static Path path(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        Path p = Path.of(s.trim());
        String etc = System.getProperty("karaf.etc");
        return p.isAbsolute() || etc == null ? p : Path.of(etc).resolve(p);
    }
}
