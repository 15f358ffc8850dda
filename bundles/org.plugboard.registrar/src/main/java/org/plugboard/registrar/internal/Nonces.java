package org.plugboard.registrar.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless nonces: base64url(issued-at seconds, 8 random bytes, HMAC-SHA256 truncated to 16 bytes) under a
 * secret made at start. Only nonces a client has used are remembered, with the highest nonce-count seen, so a
 * replayed nc is caught; they are forgotten once the nonce is too old to be accepted anyway.
 * <p>
 * Issuing takes no lock shared between threads (issue 18): the random bytes come from a {@link SecureRandom} per
 * thread, seeded from the system's entropy on first use. One shared instance (the JDK's NativePRNG) serialises every
 * caller on its lock: every challenge of every SIP thread waited there.
 */
final class Nonces {
    enum Check { VALID, STALE, INVALID }

    private static final int LENGTH = 8 + 8 + 16;
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(Nonces::newRandom);
    private final SecretKeySpec key;
    private volatile long lifetimeSeconds;
    private final LongSupplier clock;
    private final Map<String, Long> highestNc = new ConcurrentHashMap<>();
    /** A Mac per thread: building one (provider lookup, key setup) cost 9% of a REGISTER in the profile. */
    private final ThreadLocal<Mac> macs;

    Nonces(long lifetimeSeconds, LongSupplier epochSeconds) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
        this.lifetimeSeconds = lifetimeSeconds;
        this.clock = epochSeconds;
    }

    /**
     * This thread's generator: a DRBG (NIST SP 800-90A, the JDK's strongest non-blocking one) of its own, seeded
     * once from the system; its lock is only ever taken by this thread.
     */
    static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom(); // a JDK without DRBG: still per thread
        }
    }

    /** This thread's generator (for the test that two threads never share one). */
    static SecureRandom threadRandom() {
        return RANDOM.get();
    }

    /** A new lifetime applies at once to nonces already issued (the secret stays, so they remain valid). */
    void lifetime(long seconds) {
        this.lifetimeSeconds = seconds;
    }

    String issue() {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.putLong(clock.getAsLong());
        byte[] salt = new byte[8];
        RANDOM.get().nextBytes(salt);
        b.put(salt);
        b.put(mac(b.array(), 16), 0, 16);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    Check check(String nonce) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Check.INVALID;
        }
        if (raw.length != LENGTH) {
            return Check.INVALID;
        }
        byte[] expected = mac(raw, 16);
        byte[] given = new byte[16];
        System.arraycopy(raw, 16, given, 0, 16);
        if (!MessageDigest.isEqual(expected, given)) {
            return Check.INVALID;
        }
        long issued = ByteBuffer.wrap(raw).getLong();
        long age = clock.getAsLong() - issued;
        return age < 0 || age > lifetimeSeconds ? Check.STALE : Check.VALID;
    }

    /** Records nc for a valid nonce; false if it is not higher than one already used (a replay). */
    boolean acceptCount(String nonce, long nc) {
        boolean[] accepted = {false};
        highestNc.compute(nonce, (k, last) -> {
            if (last == null || nc > last) {
                accepted[0] = true;
                return nc;
            }
            return last;
        });
        return accepted[0];
    }

    /** Drops the memory of nonces that can no longer pass {@link #check}. */
    void sweep() {
        highestNc.keySet().removeIf(n -> check(n) != Check.VALID);
    }

    int remembered() {
        return highestNc.size();
    }

    private byte[] mac(byte[] data, int len) {
        Mac mac = macs.get();
        mac.update(data, 0, len);
        return java.util.Arrays.copyOf(mac.doFinal(), 16); // doFinal also resets the Mac for the next use
    }
}
