package org.plugboard.configvalues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HostPortTest {
    @Test
    void everyWrittenForm() {
        assertEquals(new HostPort("sip.example.net", 0), HostPort.parse(" sip.example.net "));
        assertEquals(new HostPort("127.0.0.1", 5070), HostPort.parse("127.0.0.1:5070"));
        assertEquals(new HostPort("::1", 0), HostPort.parse("[::1]"));
        assertEquals(new HostPort("2001:db8::1", 5061), HostPort.parse("[2001:db8::1]:5061"));
        assertEquals(new HostPort("2001:db8::1", 0), HostPort.parse("2001:db8::1"), "a bare IPv6 literal has no port");
    }

    @Test
    void defaultsAndUriForms() {
        assertEquals(5060, HostPort.parse("carrier.test").portOr(5060));
        assertEquals(16080, HostPort.parse("carrier.test:16080").portOr(5060));
        assertEquals("[::1]", HostPort.parse("[::1]:5060").uriHost());
        assertEquals("[::1]:5060", HostPort.parse("[::1]:5060").toString());
        assertEquals("carrier.test", HostPort.parse("carrier.test:1").uriHost());
    }

    @Test
    void badTextSaysWhatIsWrong() {
        assertEquals("'host:port': expected host or host:port",
                assertThrows(IllegalArgumentException.class, () -> HostPort.parse("host:port")).getMessage());
        assertEquals("'h:70000': port out of range",
                assertThrows(IllegalArgumentException.class, () -> HostPort.parse("h:70000")).getMessage());
        assertEquals("'[::1': no closing ]", assertThrows(IllegalArgumentException.class, () -> HostPort.parse("[::1")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> HostPort.parse(" "));
        assertThrows(IllegalArgumentException.class, () -> HostPort.parse("[::1]x"));
    }
}
