package org.plugboard.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.plugboard.media.relay.RelayFixture.audio;
import static org.plugboard.media.relay.RelayFixture.audioVideo;
import static org.plugboard.media.relay.RelayFixture.port;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.Side;
import org.plugboard.api.media.StreamStats;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * The m-line table on its own: offer/answer, ports per line and side, refusals, rtcp-mux, hold by SDP and the
 * hand-over of its state. Port pairs are bookkeeping here (no socket is bound): taken from a pool in the order the
 * session takes them, caller side first.
 */
class StreamsTest {
    private static final InetAddress PHONES = Addresses.literal("127.0.0.1");
    private static final InetAddress RELAY = Addresses.literal("192.0.2.1");

    private final PortPool pool = new PortPool(30000, 30099);
    private final Streams streams = new Streams("session-1");
    /** Every endpoint handed to the table, caller side first per line. */
    private final List<Endpoint> endpoints = new ArrayList<>();

    /** As the session does: a pair for each line that needs one, then the offer. */
    private String offer(Side from, String sdp) throws MediaException {
        Sdp offer = Sdp.parse(sdp);
        List<Integer> needed = streams.needingPorts(offer);
        List<Endpoint[]> pairs = new ArrayList<>();
        for (int i = 0; i < needed.size(); i++) {
            pairs.add(new Endpoint[] {endpoint(Side.CALLER), endpoint(Side.CALLEE)});
        }
        return streams.offer(from, offer, PHONES, RELAY, needed, pairs);
    }

    private String answer(Side from, String sdp) throws MediaException {
        return streams.answer(from, Sdp.parse(sdp), PHONES, RELAY);
    }

    private Endpoint endpoint(Side side) {
        Endpoint e = new Endpoint(side, pool, pool.take());
        endpoints.add(e);
        return e;
    }

    @Test
    void eachSideIsToldTheRelayAddressAndThePortsOfItsOwnPair() throws Exception {
        String toCallee = offer(Side.CALLER, audioVideo("127.0.0.1", 4000, 4002));
        assertEquals(List.of(30002, 30006), List.of(port(toCallee, 0), port(toCallee, 1)), "the callee side's pairs");
        assertTrue(toCallee.contains("c=IN IP4 192.0.2.1\r\n"), toCallee);
        String toCaller = answer(Side.CALLEE, audioVideo("127.0.0.1", 5000, 5002));
        assertEquals(List.of(30000, 30004), List.of(port(toCaller, 0), port(toCaller, 1)), "the caller side's pairs");
        assertEquals(pool.totalPairs() - 4, pool.freePairs());
        assertEquals("audio caller 30000/30001 callee 30002/30003, video caller 30004/30005 callee 30006/30007",
                streams.portsText());

        List<StreamStats> stats = streams.stats();
        assertEquals(List.of(Side.CALLER, Side.CALLER, Side.CALLEE, Side.CALLEE), stats.stream().map(StreamStats::side).toList());
        assertEquals(30000, stats.get(0).localPort());
        assertEquals("127.0.0.1:4000", stats.get(0).remote(), "nothing latched: the SDP's address");
        assertEquals("127.0.0.1:5002", stats.get(3).remote());
        assertTrue(streams.anyRelayed());
    }

    @Test
    void aReOfferKeepsThePortsAndOnlyANewLineTakesAPair() throws Exception {
        offer(Side.CALLER, audio("127.0.0.1", 4000));
        answer(Side.CALLEE, audio("127.0.0.1", 5000));
        Sdp reOffer = Sdp.parse(audioVideo("127.0.0.1", 5000, 5002));
        assertEquals(List.of(1), streams.needingPorts(reOffer), "only the new video line");
        String toCaller = offer(Side.CALLEE, audioVideo("127.0.0.1", 5000, 5002));
        assertEquals(30000, port(toCaller, 0), "the audio keeps its pair");
        String toCallee = answer(Side.CALLER, audioVideo("127.0.0.1", 4000, 4002));
        assertEquals(30002, port(toCallee, 0));
        assertEquals(30006, port(toCallee, 1));
    }

    @Test
    void aLineTheAnswerRefusesGivesItsPortsBackAndStaysRefused() throws Exception {
        offer(Side.CALLER, audioVideo("127.0.0.1", 4000, 4002));
        String refused = audio("127.0.0.1", 5000) + "m=video 0 RTP/AVP 96\r\n";
        String toCaller = answer(Side.CALLEE, refused);
        assertEquals(0, port(toCaller, 1));
        assertEquals(pool.totalPairs() - 2, pool.freePairs(), "the video pairs are back");
        assertEquals("audio caller 30000/30001 callee 30002/30003, video refused", streams.portsText());
        StreamStats video = streams.stats().get(1);
        assertEquals("video", video.media());
        assertEquals(0, video.localPort());
        assertTrue(streams.anyRelayed(), "the audio still is");
    }

    @Test
    void aReOfferThatDisablesOrDropsLinesGivesTheirPortsBack() throws Exception {
        offer(Side.CALLER, audioVideo("127.0.0.1", 4000, 4002) + "m=audio 4004 RTP/AVP 0\r\n");
        answer(Side.CALLEE, audioVideo("127.0.0.1", 5000, 5002) + "m=audio 5004 RTP/AVP 0\r\n");
        assertEquals(pool.totalPairs() - 6, pool.freePairs());
        String disabled = audio("127.0.0.1", 4000) + "m=video 0 RTP/AVP 96\r\n";
        assertEquals(0, port(offer(Side.CALLER, disabled), 1));
        assertEquals(pool.totalPairs() - 2, pool.freePairs(), "the disabled video and the dropped third line");
        assertEquals("audio caller 30000/30001 callee 30002/30003, video refused", streams.portsText());
    }

    @Test
    void answersThatDoNotFitTheOfferAreBadSdp() throws Exception {
        MediaException none = assertThrows(MediaException.class, () -> answer(Side.CALLEE, audio("127.0.0.1", 5000)));
        assertEquals(MediaException.Kind.BAD_SDP, none.kind());
        assertTrue(none.getMessage().contains("no offer was made"), none.getMessage());
        offer(Side.CALLER, audio("127.0.0.1", 4000));
        MediaException own = assertThrows(MediaException.class, () -> answer(Side.CALLER, audio("127.0.0.1", 4000)));
        assertTrue(own.getMessage().contains("which made the offer"), own.getMessage());
        MediaException more = assertThrows(MediaException.class,
                () -> answer(Side.CALLEE, audioVideo("127.0.0.1", 5000, 5002)));
        assertTrue(more.getMessage().contains("2 m-lines, the offer 1"), more.getMessage());
    }

    @Test
    void rtcpMuxIsInEffectOnlyWhenTheOfferAndTheAnswerCarryIt() throws Exception {
        offer(Side.CALLER, audio("127.0.0.1", 4000, "a=rtcp-mux"));
        answer(Side.CALLEE, audio("127.0.0.1", 5000));
        Stream line = endpoints.get(0).stream;
        assertTrue(line.offeredMux);
        assertFalse(line.mux, "the answer did not take it");
        answer(Side.CALLEE, audio("127.0.0.1", 5000, "a=rtcp-mux"));
        assertTrue(line.mux);
    }

    @Test
    void aSideHoldingBySdpStopsTheInactivityTimer() throws Exception {
        offer(Side.CALLER, audio("127.0.0.1", 4000));
        answer(Side.CALLEE, audio("127.0.0.1", 5000));
        assertFalse(streams.anyHeldBySdp());
        offer(Side.CALLER, audio("127.0.0.1", 4000, "a=sendonly"));
        assertTrue(streams.anyHeldBySdp());
        offer(Side.CALLER, audio("127.0.0.1", 4000));
        answer(Side.CALLEE, audio("127.0.0.1", 5000));
        assertFalse(streams.anyHeldBySdp(), "sendrecv again");
    }

    @Test
    void closeAllGivesEveryPairBack() throws Exception {
        offer(Side.CALLER, audioVideo("127.0.0.1", 4000, 4002));
        streams.closeAll().forEach(f -> assertTrue(f.isSuccess()));
        assertEquals(pool.totalPairs(), pool.freePairs());
        assertEquals("audio refused, video refused", streams.portsText());
    }

    @Test
    void itsStateIsHandedOverWithTheSocketsPausedAndTakenOverWithNewHandlers() throws Exception {
        offer(Side.CALLER, audio("127.0.0.1", 4000));
        answer(Side.CALLEE, audio("127.0.0.1", 5000));
        List<EmbeddedChannel> sockets = new ArrayList<>();
        for (Endpoint e : endpoints) {
            e.rtp = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
            e.rtcp = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
            sockets.add((EmbeddedChannel) e.rtp);
            sockets.add((EmbeddedChannel) e.rtcp);
        }
        streams.pauseReading();
        sockets.forEach(c -> assertFalse(c.config().isAutoRead(), "paused: packets wait in the socket buffer"));
        Map<String, Object> state = new HashMap<>();
        streams.save(state);
        offer(Side.CALLEE, audio("127.0.0.1", 5000)); // the old table moves on; the saved state does not

        PortPool next = new PortPool(30000, 30099);
        Streams taken = new Streams("session-1");
        taken.restore(state, port -> next.claim(port) ? next : PortPool.NONE, null); // no packet arrives here
        sockets.forEach(c -> {
            assertTrue(c.config().isAutoRead(), "reading again");
            assertInstanceOf(PacketHandler.class, c.pipeline().first(), "this version's handler, in place of the old one");
        });
        assertEquals(next.totalPairs() - 2, next.freePairs(), "both pairs claimed in the new pool");
        assertEquals(streams.portsText(), taken.portsText());
        assertThrows(MediaException.class, () -> taken.answer(Side.CALLER, Sdp.parse(audio("127.0.0.1", 4000)), PHONES, RELAY),
                "the caller made the last offer before the hand-over");
        assertEquals(30000, port(taken.answer(Side.CALLEE, Sdp.parse(audio("127.0.0.1", 5000)), PHONES, RELAY), 0));
        taken.closeAll();
        assertEquals(next.totalPairs(), next.freePairs());
    }
}
