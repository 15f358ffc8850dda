package org.plugboard.registrar.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.plugboard.api.directory.DigestAlgorithm;

/**
 * The digest computations of RFC 2617 / RFC 7616 / RFC 8760 (qop=auth and no-qop), lower-case hex. Each thread
 * keeps one {@link MessageDigest} per algorithm: {@code getInstance} looks the provider up every time (as
 * {@code Mac.getInstance} did for the nonces), and a REGISTER or INVITE hashes two or three times (issue 18).
 */
final class Digest {
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest[]> DIGESTS =
            ThreadLocal.withInitial(() -> new MessageDigest[DigestAlgorithm.values().length]);

    private Digest() {
    }

    static String h(DigestAlgorithm algorithm, String data) {
        // digest() resets the instance, so the next call on this thread starts clean
        return HEX.formatHex(digestOf(algorithm).digest(data.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest digestOf(DigestAlgorithm algorithm) {
        MessageDigest[] mine = DIGESTS.get();
        MessageDigest md = mine[algorithm.ordinal()];
        if (md == null) {
            try {
                md = MessageDigest.getInstance(algorithm.javaName());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(algorithm + " missing from this JVM", e);
            }
            mine[algorithm.ordinal()] = md;
        }
        return md;
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
