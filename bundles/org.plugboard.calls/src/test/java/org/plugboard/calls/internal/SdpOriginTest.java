package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SdpOriginTest {
    private static final String ENGINE = "v=0\r\no=plugboard 1 7 IN IP4 127.0.6.9\r\ns=plugboard\r\nc=IN IP4 127.0.6.9\r\nt=0 0\r\n";
    private static final String RELAY = "v=0\r\no=relay 4242 1 IN IP4 127.0.0.9\r\ns=-\r\nc=IN IP4 127.0.0.9\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0\r\n";

    private static String next(String previous, String next) {
        byte[] out = SdpOrigin.continueFrom(previous == null ? null : previous.getBytes(StandardCharsets.UTF_8),
                next.getBytes(StandardCharsets.UTF_8));
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void theNewBodyKeepsTheOldOriginWithTheVersionIncremented() {
        assertEquals(RELAY.replace("o=relay 4242 1 IN IP4 127.0.0.9", "o=plugboard 1 8 IN IP4 127.0.6.9"), next(ENGINE, RELAY));
    }

    @Test
    void aVersionBeyondLongStillGoesUpByOne() {
        String big = ENGINE.replace(" 1 7 ", " 1 18446744073709551615 ");
        assertEquals(true, next(big, RELAY).contains("o=plugboard 1 18446744073709551616 IN IP4 127.0.6.9\r\n"));
    }

    @Test
    void bareLineFeedsAreKept() {
        String lf = RELAY.replace("\r\n", "\n");
        assertEquals(lf.replace("o=relay 4242 1", "o=plugboard 1 8").replace("IN IP4 127.0.0.9\ns=", "IN IP4 127.0.6.9\ns="),
                next(ENGINE, lf));
    }

    @Test
    void withoutAUsableOldOriginTheBodyIsUnchanged() {
        assertEquals(RELAY, next(null, RELAY));
        assertEquals(RELAY, next("v=0\r\ns=x\r\n", RELAY));
        assertEquals(RELAY, next("v=0\r\no=a b c IN IP4 1.2.3.4\r\n", RELAY));
    }
}
