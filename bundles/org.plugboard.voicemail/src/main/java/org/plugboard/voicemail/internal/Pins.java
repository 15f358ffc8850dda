package org.plugboard.voicemail.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PIN hashing: PBKDF2-HMAC-SHA256 with a random salt, stored as {@code pbkdf2$<iterations>$<salt>$<hash>}. The
 * iteration count is modest on purpose: a PIN is checked on the voicemail executor during a call, and the ban guard
 * and the lockout, not the hash, are what stop guessing over the phone.
 */
final class Pins {
    private static final int ITERATIONS = 20_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Pins() {
    }

    /** @return null when the PIN is acceptable, else what is wrong with it */
    static String problem(String pin, int minLength) {
        if (pin == null || !pin.matches("[0-9]{1,16}")) {
            return "a PIN is 1-16 digits 0-9";
        }
        if (pin.length() < minLength) {
            return "a PIN needs at least " + minLength + " digits";
        }
        return null;
    }

    static String hash(String pin) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return "pbkdf2$" + ITERATIONS + "$" + b64(salt) + "$" + b64(derive(pin, salt, ITERATIONS));
    }

    static boolean matches(String pin, String stored) {
        if (pin == null || stored == null) {
            return false;
        }
        String[] p = stored.split("\\$");
        if (p.length != 4 || !"pbkdf2".equals(p[0])) {
            return false;
        }
        byte[] expected = Base64.getDecoder().decode(p[3]);
        byte[] actual = derive(pin, Base64.getDecoder().decode(p[2]), Integer.parseInt(p[1]));
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] derive(String pin, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(pin.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        }
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().withoutPadding().encodeToString(b);
    }
}
