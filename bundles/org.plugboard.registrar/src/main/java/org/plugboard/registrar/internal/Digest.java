package org.plugboard.registrar.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.plugboard.api.directory.DigestAlgorithm;

/** The digest computations of RFC 2617 / RFC 7616 / RFC 8760 (qop=auth and no-qop), lower-case hex. */
final class Digest {
    private Digest() {
    }

    static String h(DigestAlgorithm algorithm, String data) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm.javaName());
            return HexFormat.of().formatHex(md.digest(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " missing from this JVM", e);
        }
    }

    static String ha1(DigestAlgorithm a, String user, String realm, String password) {
        return h(a, user + ":" + realm + ":" + password);
    }

    /** request-digest; {@code qop} null means the RFC 2069 form without nc and cnonce. */
    static String response(DigestAlgorithm a, String ha1, String nonce, String nc, String cnonce, String qop,
            String method, String uri) {
        String ha2 = h(a, method + ":" + uri);
        if (qop == null) {
            return h(a, ha1 + ":" + nonce + ":" + ha2);
        }
        return h(a, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    /** Compares without leaking where the strings differ. */
    static boolean same(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }
}
