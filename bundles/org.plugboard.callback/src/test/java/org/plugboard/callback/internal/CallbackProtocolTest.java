package org.plugboard.callback.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** CB/1 as the README documents it: what parses, and the reason each malformed request gets. */
class CallbackProtocolTest {
    private static CallbackProtocol.Request parse(String text) {
        return CallbackProtocol.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anOriginateWithEveryField() {
        assertEquals(new CallbackProtocol.Originate("r1", "1001", "0049301234", 20, "Sales desk"),
                parse("CB/1 ORIGINATE id=r1 first=1001 second=0049301234 timeout=20 name=Sales desk\r\n"));
        assertEquals(new CallbackProtocol.Originate("r-2", "1001", "1002", null, ""), parse("CB/1 ORIGINATE second=1002 first=1001 id=r-2\n"));
        assertEquals(new CallbackProtocol.Ping("p"), parse("CB/1 PING id=p"));
        assertEquals(new CallbackProtocol.Cancel("r1"), parse("CB/1 CANCEL id=r1"));
        assertEquals(new CallbackProtocol.Bad("r1", "CANCEL takes only id= (the ORIGINATE's id)"), parse("CB/1 CANCEL id=r1 call=c1"));
        assertEquals("CB/1 CANCELLED id=r1 call=c1", CallbackProtocol.cancelled("r1", "c1"));
    }

    @Test
    void malformedRequestsNameTheirFault() {
        assertEquals(new CallbackProtocol.Bad("-", "a request starts with 'CB/1 ORIGINATE', 'CB/1 CANCEL' or 'CB/1 PING'"), parse("{\"first\":\"1001\"}"));
        assertEquals(new CallbackProtocol.Bad("r1", "version 'CB/2' is not spoken here: use CB/1"), parse("CB/2 ORIGINATE id=r1 first=1 second=2"));
        assertEquals(new CallbackProtocol.Bad("r1", "ORIGINATE needs first= and second="), parse("CB/1 ORIGINATE id=r1 first=1001"));
        assertEquals(new CallbackProtocol.Bad("r1", "unknown field caller= (known: id, first, second, timeout, name)"),
                parse("CB/1 ORIGINATE id=r1 first=1 second=2 caller=3"));
        assertEquals(new CallbackProtocol.Bad("r1", "timeout= must be whole seconds (1-300), not 'soon'"),
                parse("CB/1 ORIGINATE id=r1 first=1 second=2 timeout=soon"));
        assertEquals(new CallbackProtocol.Bad("r1", "field first= is given twice"), parse("CB/1 ORIGINATE id=r1 first=1 first=2 second=3"));
        assertEquals(new CallbackProtocol.Bad("-", "id= is missing"), parse("CB/1 ORIGINATE first=1 second=2"));
        assertEquals(new CallbackProtocol.Bad("-", "id must be 1-64 of A-Z a-z 0-9 . _ : -"), parse("CB/1 PING id=a/b"));
        assertEquals(new CallbackProtocol.Bad("x", "unknown verb 'CALL': use ORIGINATE, CANCEL or PING"), parse("CB/1 CALL id=x"));
        assertEquals(new CallbackProtocol.Bad("-", "one request per datagram, on one line"), parse("CB/1 PING id=a\nCB/1 PING id=b"));
        assertEquals(new CallbackProtocol.Bad("-", "not UTF-8 text"), CallbackProtocol.parse(new byte[] {(byte) 0xff, (byte) 0xfe}));
        assertEquals(new CallbackProtocol.Bad("r1", "field 'junk' is not key=value"), parse("CB/1 ORIGINATE id=r1 junk first=1 second=2"));
    }

    @Test
    void answersAreOneBoundedLine() {
        assertEquals("CB/1 ERROR id=r1 code=400 reason=a  b", CallbackProtocol.error("r1", 400, "a\r\nb"));
        String long_ = "x".repeat(1000);
        assertEquals("CB/1 ERROR id=r1 code=503 reason=" + "x".repeat(300), CallbackProtocol.error("r1", 503, long_));
        assertEquals("CB/1 EVENT id=r1 call=c1 event=failed party=2 status=486 reason=busy",
                CallbackProtocol.event("r1", "c1", "failed", "party=2 status=486", "busy"));
    }
}
