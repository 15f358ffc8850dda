package org.plugboard.registrar.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class NoncesTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Nonces nonces = new Nonces(300, now::get);

    @Test
    void freshNonceIsValidAndUnique() {
        String a = nonces.issue();
        assertEquals(Nonces.Check.VALID, nonces.check(a));
        assertNotEquals(a, nonces.issue());
    }

    /**
     * Issue 18: nonces issued on many threads at once are all distinct and valid, and no two threads draw from the same
     * generator (one shared SecureRandom made every challenge wait on its lock).
     */
    @Test
    void noncesIssuedOnManyThreadsAreUniqueValidAndShareNoGenerator() throws Exception {
        int threads = 8;
        int each = 2_000;
        java.util.Set<String> issued = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.Set<java.security.SecureRandom> generators = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
            java.util.List<java.util.concurrent.Future<java.security.SecureRandom>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        issued.add(nonces.issue());
                    }
                    return Nonces.threadRandom();
                }));
            }
            for (java.util.concurrent.Future<java.security.SecureRandom> f : done) {
                synchronized (generators) {
                    generators.add(f.get(30, java.util.concurrent.TimeUnit.SECONDS));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * each, issued.size(), "a nonce was issued twice");
        assertEquals(threads, generators.size(), "threads shared a generator (and its lock)");
        assertTrue(issued.stream().allMatch(n -> nonces.check(n) == Nonces.Check.VALID));
    }

    @Test
    void oldNonceIsStale() {
        String a = nonces.issue();
        now.addAndGet(301);
        assertEquals(Nonces.Check.STALE, nonces.check(a));
    }

    @Test
    void newLifetimeAppliesToNoncesAlreadyIssued() {
        String a = nonces.issue();
        now.addAndGet(200);
        nonces.lifetime(100);
        assertEquals(Nonces.Check.STALE, nonces.check(a));
        nonces.lifetime(600);
        assertEquals(Nonces.Check.VALID, nonces.check(a));
    }

    @Test
    void forgedOrForeignNonceIsInvalid() {
        String a = nonces.issue();
        char last = a.charAt(a.length() - 2);
        String forged = a.substring(0, a.length() - 2) + (last == 'A' ? 'B' : 'A') + a.charAt(a.length() - 1);
        assertEquals(Nonces.Check.INVALID, nonces.check(forged));
        assertEquals(Nonces.Check.INVALID, nonces.check("not-base64!"));
        assertEquals(Nonces.Check.INVALID, new Nonces(300, now::get).check(a)); // another secret, e.g. before a restart
    }

    @Test
    void nonceCountMustGrow() {
        String a = nonces.issue();
        assertTrue(nonces.acceptCount(a, 1));
        assertFalse(nonces.acceptCount(a, 1), "replayed nc");
        assertTrue(nonces.acceptCount(a, 2));
        assertFalse(nonces.acceptCount(a, 1), "older nc");
    }

    @Test
    void sweepForgetsNoncesThatCannotPassAnyMore() {
        String a = nonces.issue();
        nonces.acceptCount(a, 1);
        nonces.sweep();
        assertEquals(1, nonces.remembered());
        now.addAndGet(400);
        nonces.sweep();
        assertEquals(0, nonces.remembered());
    }
}
