package org.plugboard.sip.internal;

import org.plugboard.sip.internal.tls.Credentials;
import org.plugboard.sip.internal.tls.SipTls;
import org.plugboard.sip.internal.tls.TlsSettings;

/** The TLS keys of {@link SipConfig} as {@link TlsSettings}, and the status line {@code pbx:sip-tls} prints. */
final class TlsConfig {
    private TlsConfig() {
    }

    static TlsSettings of(SipConfig c) {
        return TlsSettings.of(c.tls_port(), c.tls_certificate(), c.tls_private_key(), c.tls_keystore(), c.tls_keystore_password(),
                c.tls_ca_certificates(), c.tls_reload_interval());
    }

    static String status(SipTls tls) {
        Credentials c = tls.serving();
        if (c == null) {
            return "TLS off: " + tls.offReason();
        }
        String refused = tls.lastRefusedPeer();
        return "TLS on port " + tls.port() + ", new connections get " + c.describe() + ", SHA-256 " + c.fingerprint()
                + (refused.isEmpty() ? "" : System.lineSeparator() + "Last TLS peer refused: " + refused);
    }
}
