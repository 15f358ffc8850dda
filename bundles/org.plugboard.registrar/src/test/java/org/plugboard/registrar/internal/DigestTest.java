package org.plugboard.registrar.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.plugboard.api.directory.DigestAlgorithm;

/** Request-digest values from the RFCs' own examples. */
class DigestTest {
    @Test
    void rfc2617Section34Example() {
        String ha1 = Digest.ha1(DigestAlgorithm.MD5, "Mufasa", "testrealm@host.com", "Circle Of Life");
        String response = Digest.response(DigestAlgorithm.MD5, ha1, "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001",
                "0a4f113b", "auth", "GET", "/dir/index.html");
        assertEquals("6629fae49393a05397450978507c4ef1", response);
    }

    @Test
    void rfc7616Section31ExampleMd5() {
        String ha1 = Digest.ha1(DigestAlgorithm.MD5, "Mufasa", "http-auth@example.org", "Circle of Life");
        String response = Digest.response(DigestAlgorithm.MD5, ha1, "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
                "00000001", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "auth", "GET", "/dir/index.html");
        assertEquals("8ca523f5e9506fed4657c9700eebdbec", response);
    }

    @Test
    void rfc7616Section31ExampleSha256() {
        String ha1 = Digest.ha1(DigestAlgorithm.SHA_256, "Mufasa", "http-auth@example.org", "Circle of Life");
        String response = Digest.response(DigestAlgorithm.SHA_256, ha1, "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
                "00000001", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "auth", "GET", "/dir/index.html");
        assertEquals("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", response);
    }

    /** Each thread reuses its own digests: many threads hashing at once must all get the RFC's value, every time. */
    @Test
    void reusedPerThreadDigestsGiveTheRfcValueUnderConcurrency() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    int wrong = 0;
                    for (int i = 0; i < 2_000; i++) {
                        DigestAlgorithm a = i % 2 == 0 ? DigestAlgorithm.MD5 : DigestAlgorithm.SHA_256;
                        String ha1 = Digest.ha1(a, "Mufasa", "http-auth@example.org", "Circle of Life");
                        String r = Digest.response(a, ha1, "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "00000001",
                                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "auth", "GET", "/dir/index.html");
                        wrong += r.equals(a == DigestAlgorithm.MD5 ? "8ca523f5e9506fed4657c9700eebdbec"
                                : "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1") ? 0 : 1;
                    }
                    return wrong;
                }));
            }
            for (java.util.concurrent.Future<Integer> f : results) {
                assertEquals(0, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void comparisonIgnoresHexCaseAndRejectsNull() {
        assertTrue(Digest.same("6629fae49393a05397450978507c4ef1", "6629FAE49393A05397450978507C4EF1"));
        assertFalse(Digest.same("6629fae49393a05397450978507c4ef1", "6629fae49393a05397450978507c4ef2"));
        assertFalse(Digest.same("6629fae49393a05397450978507c4ef1", null));
    }

    @Test
    void rfc8760AlgorithmTokens() {
        assertEquals(DigestAlgorithm.SHA_256, DigestAlgorithm.fromSip("SHA-256"));
        assertEquals(DigestAlgorithm.MD5, DigestAlgorithm.fromSip(null)); // absent means MD5
        assertEquals(null, DigestAlgorithm.fromSip("SHA-512-256"));
    }
}
