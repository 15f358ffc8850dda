package org.plugboard.registrar.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.plugboard.api.location.Binding;

class ExpiryRulesTest {
    private final ExpiryRules rules = new ExpiryRules(60, 3600, 1800);

    @Test
    void contactParameterWinsOverHeaderWhichWinsOverDefault() {
        assertEquals(120, rules.requested(120, 600));
        assertEquals(600, rules.requested(-1, 600));
        assertEquals(1800, rules.requested(-1, -1));
    }

    @Test
    void briefButNonZeroIs423AndZeroIsRemoval() {
        assertTrue(rules.tooBrief(59));
        assertFalse(rules.tooBrief(60));
        assertFalse(rules.tooBrief(0));
    }

    @Test
    void longExpiryIsCapped() {
        assertEquals(3600, rules.granted(86400));
        assertEquals(300, rules.granted(300));
    }

    private static Binding b(String contact, long expires, String instance) {
        return new Binding("1001", contact, Instant.ofEpochSecond(expires), "cid", 1, "127.0.0.1:5060", "UDP", "", instance);
    }

    @Test
    void singleDeviceNewestReplacesOld() {
        Instant now = Instant.ofEpochSecond(1000);
        List<Binding> next = RegisterHandler.merge(List.of(b("sip:a", 2000, "")), List.of(b("sip:b", 2000, "")), 1, now);
        assertEquals(List.of("sip:b"), next.stream().map(Binding::contact).toList());
    }

    @Test
    void multiDeviceKeepsUpToLimitNewestFirst() {
        Instant now = Instant.ofEpochSecond(1000);
        List<Binding> next = RegisterHandler.merge(List.of(b("sip:b", 2000, ""), b("sip:a", 2000, "")),
                List.of(b("sip:c", 2000, "")), 2, now);
        assertEquals(List.of("sip:c", "sip:b"), next.stream().map(Binding::contact).toList());
    }

    @Test
    void expiresZeroRemovesAndSameInstanceReplaces() {
        Instant now = Instant.ofEpochSecond(1000);
        List<Binding> live = List.of(b("sip:a", 2000, "<urn:uuid:1>"), b("sip:x", 2000, ""));
        List<Binding> next = RegisterHandler.merge(live, List.of(b("sip:a2", 2000, "<urn:uuid:1>"), b("sip:x", 1000, "")), 5, now);
        assertEquals(List.of("sip:a2"), next.stream().map(Binding::contact).toList());
    }

    @Test
    void sameCallIdNeedsHigherCseq() {
        List<Binding> live = List.of(new Binding("1001", "sip:a", Instant.MAX, "cid", 5, "", "UDP", "", ""));
        assertTrue(RegisterHandler.staleOrder(live, "cid", 5, live));
        assertFalse(RegisterHandler.staleOrder(live, "cid", 6, live));
        assertFalse(RegisterHandler.staleOrder(live, "other", 1, live));
    }
}
