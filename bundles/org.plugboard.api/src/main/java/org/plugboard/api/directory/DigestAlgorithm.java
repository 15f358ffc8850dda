package org.plugboard.api.directory;

/** Digest algorithms a password is stored for (as HA1 = H(user:realm:password), never the password). */
public enum DigestAlgorithm {
    MD5("MD5", "MD5"),
    SHA_256("SHA-256", "SHA-256");

    private final String sipName;
    private final String javaName;

    DigestAlgorithm(String sipName, String javaName) {
        this.sipName = sipName;
        this.javaName = javaName;
    }

    /** The token in WWW-Authenticate/Authorization, e.g. {@code SHA-256}. */
    public String sipName() {
        return sipName;
    }

    /** The {@link java.security.MessageDigest} algorithm name. */
    public String javaName() {
        return javaName;
    }

    /** Parses the algorithm token of a SIP header; an absent token means MD5 (RFC 3261). */
    public static DigestAlgorithm fromSip(String token) {
        if (token == null || token.isEmpty()) {
            return MD5;
        }
        for (DigestAlgorithm a : values()) {
            if (a.sipName.equalsIgnoreCase(token)) {
                return a;
            }
        }
        return null;
    }
}
