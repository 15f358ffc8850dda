package org.plugboard.voicemail.email.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AddressesTest {
    @Test
    void plainAddressesPass() {
        assertNull(Addresses.problem("alice@example.com"));
        assertNull(Addresses.problem("a.b+vm@mail.example.org"));
        assertNull(Addresses.problem("  bob@localhost "));
    }

    @Test
    void eachFaultIsNamed() {
        assertTrue(Addresses.problem("").contains("empty"));
        assertTrue(Addresses.problem("alice").contains("user@domain"));
        assertTrue(Addresses.problem("alice@").contains("user@domain"));
        assertTrue(Addresses.problem("@example.com").contains("user@domain"));
        assertTrue(Addresses.problem("a@example.com,b@example.com").contains("one address"));
        assertTrue(Addresses.problem("Alice <a@example.com>").contains("one address")); // blank before <
        assertTrue(Addresses.problem("<a@example.com>").contains("bare address"));
        assertNotNull(Addresses.problem("a@@example.com"));
        assertNotNull(Addresses.problem("a@exa(mple.com"));
        assertTrue(Addresses.problem("a".repeat(250) + "@example.com").contains("longer than"));
    }
}
