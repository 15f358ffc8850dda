package org.plugboard.voicemail.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

class NumbersTest {
    private final Numbers numbers = new Numbers("*97", "*98", "97", "96", "en");
    private final Predicate<String> ext = Set.of("1001", "1002")::contains;

    @Test
    void loginNumbers() {
        assertEquals(Map.of("mode", "login", "box", "1001", "language", "en"), numbers.parameters("*97", "1001", ext));
        assertEquals(Map.of("mode", "login", "box", "", "language", "en"), numbers.parameters("*97", "0301234", ext),
                "a caller without a box of its own is asked for the box");
        assertEquals(Map.of("mode", "login", "box", "", "language", "en"), numbers.parameters("*98", "1001", ext));
    }

    @Test
    void depositNumbersNeedAnExtension() {
        assertEquals(Map.of("mode", "deposit", "box", "1002", "reason", "unavailable", "language", "en"),
                numbers.parameters("971002", "1001", ext));
        assertEquals(Map.of("mode", "deposit", "box", "1002", "reason", "busy", "language", "en"),
                numbers.parameters("961002", "1001", ext));
        assertNull(numbers.parameters("971009", "1001", ext), "no such extension: not voicemail's number");
        assertNull(numbers.parameters("97", "1001", ext));
        assertNull(numbers.parameters("1002", "1001", ext));
    }
}
