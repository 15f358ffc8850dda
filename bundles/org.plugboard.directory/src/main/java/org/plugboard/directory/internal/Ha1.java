package org.plugboard.directory.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.plugboard.api.directory.DigestAlgorithm;

/** HA1 = H(username ":" realm ":" password), lower-case hex (RFC 2617 3.2.2.2, RFC 7616 3.4.2). */
final class Ha1 {
    private Ha1() {
    }

    static String of(DigestAlgorithm algorithm, String user, String realm, String password) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm.javaName());
            return HexFormat.of().formatHex(md.digest((user + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " missing from this JVM", e);
        }
    }
}
