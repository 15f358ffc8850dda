package org.plugboard.media.ng.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** rtpengine's DTMF log datagrams, as 10.5 writes them, and what is not a digit. */
class DtmfLogTest {
    @Test
    void readsTheDigitOfADtmfEventAndNothingElse() {
        DtmfLog d = DtmfLog.parse("{\"callid\":\"c2\",\"source_tag\":\"c2-caller\",\"tags\":[\"c2-callee\",\"c2-caller\"],"
                + "\"type\":\"DTMF\",\"timestamp\":1796565039,\"source_ip\":\"127.0.0.1\",\"event\":11,\"duration\":80,\"volume\":10}")
                .orElseThrow();
        assertEquals(new DtmfLog("c2", "c2-caller", '#', 80), d);
        assertEquals('D', DtmfLog.parse("{\"type\":\"DTMF\",\"callid\":\"x\",\"event\":15}").orElseThrow().digit());
        assertTrue(DtmfLog.parse("{\"type\":\"DTMF\",\"callid\":\"x\",\"event\":16}").isEmpty(), "flash is no digit");
        assertTrue(DtmfLog.parse("{\"type\":\"other\",\"callid\":\"x\",\"event\":1}").isEmpty());
        assertTrue(DtmfLog.parse("not json").isEmpty());
        assertEquals("a\\\"b", DtmfLog.parse("{\"callid\":\"a\\\"b\",\"type\":\"DTMF\",\"event\":1}").orElseThrow().callId());
    }
}
