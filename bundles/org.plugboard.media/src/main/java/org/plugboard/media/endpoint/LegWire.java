package org.plugboard.media.endpoint;

import java.net.InetSocketAddress;
import java.util.Map;

import org.plugboard.api.media.AudioEncoding;
import org.plugboard.media.relay.BoundPair;

import io.netty.buffer.ByteBuf;
import io.netty.channel.socket.DatagramPacket;

/**
 * A terminated leg's RTP on the wire: what comes in is checked (version, latch, payload) and sorted into digits
 * (RFC 4733) and G.711 audio; what goes out gets its RTP header ({@link RtpSender}) and goes to the latched peer.
 * Keeps the packet counters, and writes all of it down for the next version of the bundle as JDK values, so the
 * peer sees one unbroken stream. Loop-confined.
 */
final class LegWire {
    /** Where what came in goes. */
    interface Receiver {
        void digit(char d);

        void audio(long ssrc, long timestamp, int pt, ByteBuf payload);
    }

    private final PeerLatch latch;
    private final DtmfReceiver dtmf = new DtmfReceiver();
    private RtpSender sender = new RtpSender();
    private boolean gapPending;
    private long packetsIn;
    private long packetsOut;
    private long dropped;

    LegWire(PeerLatch latch) {
        this.latch = latch;
    }

    /** A packet on the leg's RTP socket; {@code peer} is null until the SDP exchange. */
    void receive(DatagramPacket packet, EndpointSdp.Peer peer, boolean closed, Receiver to) {
        ByteBuf b = packet.content();
        int start = b.readerIndex();
        int length = b.readableBytes();
        if (closed || length < 12 || b.getUnsignedByte(start) >> 6 != 2) {
            dropped++;
            return;
        }
        int pt = b.getUnsignedByte(start + 1) & 0x7f;
        if (pt >= 72 && pt <= 76) {
            return; // RTCP on the RTP port (rtcp-mux): not used
        }
        if (peer == null || !latch.admit(packet.sender(), System.nanoTime())) {
            dropped++;
            return;
        }
        packetsIn++;
        ByteBuf payload = RtpIn.payload(b);
        if (payload == null) {
            dropped++;
            return;
        }
        long timestamp = b.getUnsignedInt(start + 4);
        long ssrc = b.getUnsignedInt(start + 8);
        if (pt == peer.telephoneEventPt()) {
            char d = dtmf.accept(ssrc, timestamp, payload);
            if (d != 0) {
                to.digit(d);
            }
        } else if ((pt == 0 || pt == 8) && peer.sends()) {
            to.audio(ssrc, timestamp, pt, payload);
        }
    }

    /** Sends one frame of {@code law} to the peer; while it cannot go the next one starts a talkspurt. */
    void transmit(BoundPair pair, EndpointSdp.Peer peer, AudioEncoding law, byte[] frame, boolean closed) {
        InetSocketAddress to = latch.destination();
        if (peer == null || !peer.receives() || to == null || closed) {
            gapPending = true;
            return;
        }
        long now = System.nanoTime();
        if (gapPending) {
            gapPending = false;
            sender.talkspurt(now);
        }
        ByteBuf packet = sender.packet(pair.rtp().alloc(), law.payloadType(), frame, now);
        pair.rtp().writeAndFlush(new DatagramPacket(packet, to), pair.rtp().voidPromise());
        packetsOut++;
    }

    /** A new output starts: its first packet has the marker bit and a timestamp that counts the pause. */
    void talkspurt() {
        sender.talkspurt(System.nanoTime());
        gapPending = false;
    }

    /** Packets in, out and dropped, for the log. */
    String counters() {
        return "packets in " + packetsIn + " out " + packetsOut + " dropped " + dropped;
    }

    void save(Map<String, Object> m) {
        m.put("latch", latch.save());
        m.put("sender", sender.save());
        m.put("dtmf", dtmf.save());
        m.put("counters", new long[] {packetsIn, packetsOut, dropped});
    }

    void restore(Map<String, Object> m) {
        latch.restore((Object[]) m.get("latch"));
        sender = RtpSender.restore((long[]) m.get("sender"));
        dtmf.restore((long[]) m.get("dtmf"));
        long[] c = (long[]) m.get("counters");
        packetsIn = c[0];
        packetsOut = c[1];
        dropped = c[2];
    }
}
