package org.plugboard.media.ng.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.plugboard.api.media.Side;
import org.plugboard.api.media.StreamStats;

class QueryStatsTest {

    /** A reply captured from rtpengine 10.5 (call-id x1, tags x1-caller / x1-callee, 5 packets from the caller). */
    @Test
    void rtpenginesQueryReplyMapsToStreamStats() throws Exception {
        byte[] datagram;
        try (InputStream in = getClass().getResourceAsStream("/rtpengine-10.5-query.bin")) {
            datagram = in.readAllBytes();
        }
        NgDict reply = NgCodec.decode(datagram).dict();
        List<StreamStats> stats = QueryStats.parse(reply, "x1");
        assertEquals(2, stats.size(), stats.toString());
        StreamStats caller = stats.get(0);
        assertEquals(Side.CALLER, caller.side());
        assertEquals(0, caller.index());
        assertEquals("audio", caller.media());
        assertEquals(41922, caller.localPort());
        assertEquals("127.0.0.1:41500", caller.remote());
        assertEquals(5, caller.packetsIn());
        assertEquals(860, caller.bytesIn());
        assertEquals(0, caller.dropped());
        assertEquals(-1, caller.packetsOut());
        assertEquals(-1, caller.lost());
        assertEquals(-1.0, caller.jitterMillis());
        assertTrue(caller.lastPacketMillis() > 0);
        StreamStats callee = stats.get(1);
        assertEquals(Side.CALLEE, callee.side());
        assertEquals(41900, callee.localPort());
        assertEquals(0, callee.packetsIn());
        assertEquals(0, callee.lastPacketMillis(), "no packet yet: rtpengine's creation time is not a packet time");
        assertEquals(Map.of(Side.CALLER, 5L, Side.CALLEE, 0L), QueryStats.packetsIn(stats));
        assertTrue(QueryStats.hasMedia(reply, "x1", Side.CALLEE));
    }

    @Test
    void theNodesReplyRoundTripsWithItsExtraCounters() throws Exception {
        ServedCall call = new ServedCall(null);
        call.claim("id-caller");
        call.claim("id-callee");
        List<StreamStats> local = List.of(
                new StreamStats(Side.CALLER, 0, "audio", 42200, "127.0.0.1:42100", true, 10, 1720, 9, 1548, 1, 2, 1.25, 1_700_000_000_123L),
                new StreamStats(Side.CALLEE, 0, "audio", 42202, "[::1]:42102", false, 0, 0, -1, -1, 0, -1, -1, 0));
        NgDict reply = NgCodec.decode(NgCodec.encode("c", StatsReply.of(call, local))).dict();
        List<StreamStats> back = QueryStats.parse(reply, "id");
        assertEquals(local.get(0), back.get(0));
        StreamStats callee = back.get(1);
        assertEquals("[::1]:42102", callee.remote());
        assertFalse(callee.latched());
        assertEquals(-1, callee.packetsOut(), "unknown stays unknown");
        assertEquals(local.get(1), callee);
        assertEquals(10, reply.dict("totals").dict("RTP").number("packets", -1));
    }

    @Test
    void aStrangeReplyGivesNoStreamsInsteadOfAnException() throws Exception {
        NgDict reply = NgCodec.decode("c d4:tagsl1:xe6:result2:oke".getBytes()).dict();
        assertEquals(List.of(), QueryStats.parse(reply, "id"));
        NgDict odd = NgCodec.decode("c d4:tagsd9:id-callerd6:mediasld7:streamsi3eeeeee".getBytes()).dict();
        assertEquals(List.of(), QueryStats.parse(odd, "id"));
    }
}
