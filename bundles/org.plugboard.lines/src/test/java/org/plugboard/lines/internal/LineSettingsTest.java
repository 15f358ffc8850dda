package org.plugboard.lines.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.plugboard.api.sip.NextHop;

class LineSettingsTest {
    @Test
    void authIdIsTheAccountOrTheConfiguredIdWithTheDomainWhenAsked() {
        var c = LineRegistrationTest.config().domain("gd.ctcims.cn");
        assertEquals("+8612345678", LineSettings.from(c).authId());
        assertEquals("+8612345678@gd.ctcims.cn", LineSettings.from(c.authId("", true)).authId());
        assertEquals("other@gd.ctcims.cn", LineSettings.from(c.authId("other", true)).authId());
        assertEquals("x@elsewhere", LineSettings.from(c.authId("x@elsewhere", true)).authId());
        assertEquals("+8612345678@127.0.0.1", LineSettings.from(LineRegistrationTest.config().authId("", true)).authId());
    }

    @Test
    void targetIsTheProxyWhenSetElseTheDomain() {
        assertEquals(new NextHop("127.0.0.1", 16080, "UDP"), LineSettings.from(LineRegistrationTest.config()).target());
        var viaProxy = LineSettings.from(LineRegistrationTest.config().domain("gd.ctcims.cn").proxy("10.1.1.1:5070"));
        assertEquals(new NextHop("10.1.1.1", 5070, "UDP"), viaProxy.target());
        assertEquals(5060, LineSettings.from(LineRegistrationTest.config().domain("sip.example.net")).target().port());
        assertNull(LineSettings.from(LineRegistrationTest.config()).proxy());
    }

    /** Issue 16: TLS toward providers (it was refused while the RI's TLS client was broken). */
    @Test
    void tlsIsATransportWhoseDefaultPortIs5061() {
        var tls = LineSettings.from(LineRegistrationTest.config().domain("sip.example.net").transport("tls"));
        assertEquals(new NextHop("sip.example.net", 5061, "TLS"), tls.target());
        assertEquals(5070, LineSettings.from(LineRegistrationTest.config().domain("sip.example.net:5070").transport("TLS"))
                .target().port());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LineSettings.from(LineRegistrationTest.config().transport("SCTP")));
        assertTrue(e.getMessage().contains("UDP, TCP or TLS"), e.getMessage());
    }

    @Test
    void didsAreParsedFromListsAndCommaStrings() {
        var s = LineSettings.from(LineRegistrationTest.config().did("0123456=1001, 0123457=1002", "0999=1003"));
        assertEquals(Map.of("0123456", "1001", "0123457", "1002", "0999", "1003"), s.dids());
        assertEquals(List.of("0123456", "0123457", "0999"), List.copyOf(s.dids().keySet()).stream().sorted().toList());
    }

    @Test
    void badSettingsNameTheProperty() {
        assertMessage("did", () -> LineSettings.from(LineRegistrationTest.config().did("0123456")));
        assertMessage("proxy", () -> LineSettings.from(LineRegistrationTest.config().proxy("host:port")));
        assertMessage("expires", () -> LineSettings.from(LineRegistrationTest.config().expires(5)));
        assertMessage("domain", () -> LineSettings.from(LineRegistrationTest.config().domain(" ")));
    }

    @Test
    void toStringNeverShowsThePassword() {
        assertTrue(!LineSettings.from(LineRegistrationTest.config()).toString().contains("pw,"));
        assertTrue(!LineSettings.from(LineRegistrationTest.config()).toString().contains("password"));
    }

    private static void assertMessage(String property, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().startsWith(property), x.getMessage());
    }
}
