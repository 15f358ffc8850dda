package org.plugboard.callback.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The allow-list and the per-sender token bucket, on a manual clock. */
class SenderGateTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void onlyListedAddressesPass() throws Exception {
        SenderGate gate = new SenderGate(SenderGate.parse("127.0.0.1, 127.0.0.5"), 5, nanos::get);
        assertEquals(SenderGate.Verdict.PASS, gate.admit(ip("127.0.0.1")));
        assertEquals(SenderGate.Verdict.PASS, gate.admit(ip("127.0.0.5")));
        assertEquals(SenderGate.Verdict.DISALLOWED, gate.admit(ip("127.0.0.2")));
    }

    @Test
    void anEmptyListLetsAnyonePassButANameAllowsNobody() throws Exception {
        assertTrue(SenderGate.parse("").anyone());
        SenderGate.Allowed named = SenderGate.parse("appserver.example.com");
        assertEquals(List.of("appserver.example.com"), named.invalid());
        assertEquals(SenderGate.Verdict.DISALLOWED, new SenderGate(named, 5, nanos::get).admit(ip("127.0.0.1")));
    }

    @Test
    void aSenderOverItsRateIsAFloodUntilTokensComeBack() throws Exception {
        SenderGate gate = new SenderGate(SenderGate.parse(""), 3, nanos::get);
        for (int i = 0; i < 3; i++) {
            assertEquals(SenderGate.Verdict.PASS, gate.admit(ip("127.0.0.1")));
        }
        assertEquals(SenderGate.Verdict.FLOOD, gate.admit(ip("127.0.0.1")));
        assertEquals(SenderGate.Verdict.PASS, gate.admit(ip("127.0.0.3")), "another sender has its own bucket");
        nanos.addAndGet(400_000_000L); // 0.4 s: one token back at 3/s
        assertEquals(SenderGate.Verdict.PASS, gate.admit(ip("127.0.0.1")));
        assertEquals(SenderGate.Verdict.FLOOD, gate.admit(ip("127.0.0.1")));
    }
}
