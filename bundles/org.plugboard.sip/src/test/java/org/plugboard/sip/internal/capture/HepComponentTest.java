package org.plugboard.sip.internal.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

class HepComponentTest {
    @Test
    void collectorAddressesParseOrNameTheirFault() throws Exception {
        assertEquals(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 9060), HepComponent.parse("127.0.0.1:9060"));
        assertEquals(new InetSocketAddress(InetAddress.getByName("::1"), 9060), HepComponent.parse("[::1]:9060"));
        assertEquals("no port", assertThrows(IllegalArgumentException.class, () -> HepComponent.parse("127.0.0.1")).getMessage());
        assertEquals("port 'x' is not a number",
                assertThrows(IllegalArgumentException.class, () -> HepComponent.parse("127.0.0.1:x")).getMessage());
        assertEquals("port 70000 is outside 1-65535",
                assertThrows(IllegalArgumentException.class, () -> HepComponent.parse("127.0.0.1:70000")).getMessage());
        assertEquals("write an IPv6 address in brackets: [addr]:port",
                assertThrows(IllegalArgumentException.class, () -> HepComponent.parse("::1:9060")).getMessage());
    }

    @Test
    void addressFilterMatchesWithAndWithoutPortAndBrackets() throws Exception {
        Captured v6 = new Captured(false, "UDP", new InetSocketAddress(InetAddress.getByName("::1"), 5062),
                new InetSocketAddress(InetAddress.getByName("::1"), 5060), 0, new byte[0], "c", java.util.Set.of(), "");
        assertEquals(true, new TraceFilter(java.util.Set.of(), java.util.Set.of(), java.util.Set.of("[0:0:0:0:0:0:0:1]:5062")).matches(v6));
        assertEquals(true, new TraceFilter(java.util.Set.of(), java.util.Set.of(), java.util.Set.of("0:0:0:0:0:0:0:1")).matches(v6));
        assertEquals(false, new TraceFilter(java.util.Set.of(), java.util.Set.of(), java.util.Set.of("[0:0:0:0:0:0:0:1]:5060")).matches(v6));
        assertEquals(true, new TraceFilter(java.util.Set.of(), java.util.Set.of(), java.util.Set.of("[::1]:5062")).matches(v6));
        assertEquals(true, new TraceFilter(java.util.Set.of(), java.util.Set.of(), java.util.Set.of("::1")).matches(v6));
        assertEquals(false, new TraceFilter(java.util.Set.of(), java.util.Set.of(), java.util.Set.of("::2")).matches(v6));
    }
}
