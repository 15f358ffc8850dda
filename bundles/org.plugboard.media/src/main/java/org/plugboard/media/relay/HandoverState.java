package org.plugboard.media.relay;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

import org.plugboard.api.media.Side;

import io.netty.channel.Channel;

/**
 * Streams, endpoints and their SDP as maps of JDK, API and Netty values, and back. The next version of the bundle
 * reads what this one wrote, so no class of this bundle may appear in a map (it could not cast it, and it would
 * keep the old class loader alive). Keys are the field names; a key added later must have a default when absent.
 * Runs on the session's event loop (the fields it reads are confined there).
 */
final class HandoverState {
    private HandoverState() {
    }

    static Map<String, Object> stream(Stream s) {
        Map<String, Object> m = new HashMap<>();
        m.put("index", s.index);
        m.put("media", s.media);
        m.put("udptl", s.udptl);
        m.put("secure", s.secure);
        m.put("dtls", s.dtls);
        m.put("offeredMux", s.offeredMux);
        m.put("mux", s.mux);
        m.put("caller", s.caller == null ? null : endpoint(s.caller));
        m.put("callee", s.callee == null ? null : endpoint(s.callee));
        return m;
    }

    /** The stream with its endpoints; {@code claim} gives each endpoint the pool its ports count in. */
    @SuppressWarnings("unchecked")
    static Stream stream(Map<String, Object> m, IntFunction<PortPool> claim) {
        Stream s = new Stream((Integer) m.get("index"));
        s.media = (String) m.get("media");
        s.udptl = (Boolean) m.get("udptl");
        s.secure = (Boolean) m.get("secure");
        s.dtls = (Boolean) m.get("dtls");
        s.offeredMux = (Boolean) m.get("offeredMux");
        s.mux = (Boolean) m.get("mux");
        Map<String, Object> caller = (Map<String, Object>) m.get("caller");
        Map<String, Object> callee = (Map<String, Object>) m.get("callee");
        if (caller != null && callee != null) {
            s.caller = endpoint(caller, claim);
            s.callee = endpoint(callee, claim);
            s.caller.stream = s;
            s.callee.stream = s;
        }
        return s;
    }

    static Map<String, Object> endpoint(Endpoint e) {
        Map<String, Object> m = new HashMap<>();
        m.put("side", e.side);
        m.put("rtpPort", e.rtpPort);
        m.put("rtp", e.rtp);
        m.put("rtcp", e.rtcp);
        m.put("active", e.active);
        m.put("peer", e.peer == null ? null : section(e.peer));
        m.put("signalling", e.signalling);
        m.put("rtpLatch", e.rtpLatch.source);
        m.put("rtpLatchNanos", e.rtpLatch.lastNanos);
        m.put("rtcpLatch", e.rtcpLatch.source);
        m.put("rtcpLatchNanos", e.rtcpLatch.lastNanos);
        m.put("receive", e.receive.save());
        m.put("lastDtmfTimestamp", e.lastDtmfTimestamp);
        m.put("counters", new long[] {e.packetsIn, e.bytesIn, e.packetsOut, e.bytesOut, e.dropped, e.lastPacketMillis});
        return m;
    }

    @SuppressWarnings("unchecked")
    static Endpoint endpoint(Map<String, Object> m, IntFunction<PortPool> claim) {
        int rtpPort = (Integer) m.get("rtpPort");
        Endpoint e = new Endpoint((Side) m.get("side"), claim.apply(rtpPort), rtpPort);
        e.rtp = (Channel) m.get("rtp");
        e.rtcp = (Channel) m.get("rtcp");
        e.active = (Boolean) m.get("active");
        Map<String, Object> peer = (Map<String, Object>) m.get("peer");
        if (peer != null) {
            e.restorePeer(section(peer), (InetAddress) m.get("signalling"));
        }
        e.rtpLatch.source = (InetSocketAddress) m.get("rtpLatch");
        e.rtpLatch.lastNanos = (Long) m.get("rtpLatchNanos");
        e.rtcpLatch.source = (InetSocketAddress) m.get("rtcpLatch");
        e.rtcpLatch.lastNanos = (Long) m.get("rtcpLatchNanos");
        e.receive.restore((long[]) m.get("receive"));
        e.lastDtmfTimestamp = (Long) m.get("lastDtmfTimestamp");
        long[] c = (long[]) m.get("counters");
        e.packetsIn = c[0];
        e.bytesIn = c[1];
        e.packetsOut = c[2];
        e.bytesOut = c[3];
        e.dropped = c[4];
        e.lastPacketMillis = c[5];
        return e;
    }

    static Map<String, Object> section(MediaSection s) {
        Map<String, Object> m = new HashMap<>();
        m.put("index", s.index());
        m.put("media", s.media());
        m.put("port", s.port());
        m.put("proto", s.proto());
        m.put("address", s.address());
        m.put("rtcpPort", s.rtcpPort());
        m.put("rtcpAddress", s.rtcpAddress());
        m.put("rtcpMux", s.rtcpMux());
        m.put("direction", s.direction());
        m.put("clockRates", Map.copyOf(s.clockRates()));
        m.put("telephoneEventPt", s.telephoneEventPt());
        return m;
    }

    @SuppressWarnings("unchecked")
    static MediaSection section(Map<String, Object> m) {
        return new MediaSection((Integer) m.get("index"), (String) m.get("media"), (Integer) m.get("port"),
                (String) m.get("proto"), (InetAddress) m.get("address"), (Integer) m.get("rtcpPort"),
                (InetAddress) m.get("rtcpAddress"), (Boolean) m.get("rtcpMux"), (String) m.get("direction"),
                (Map<Integer, Integer>) m.get("clockRates"), (Integer) m.get("telephoneEventPt"));
    }

    static Map<String, Object> config(RelayConfig c) {
        Map<String, Object> m = new HashMap<>();
        m.put("portMin", c.portMin());
        m.put("portMax", c.portMax());
        m.put("bindAddress", c.bindAddress());
        m.put("advertisedAddress", c.advertisedAddress());
        m.put("inactivityTimeoutSeconds", c.inactivityTimeoutSeconds());
        m.put("latchAnyAddress", c.latchAnyAddress());
        m.put("relatchAfterMillis", c.relatchAfterMillis());
        m.put("threads", c.threads());
        m.put("receiveBufferBytes", c.receiveBufferBytes());
        m.put("sendBufferBytes", c.sendBufferBytes());
        return m;
    }

    static RelayConfig config(Map<String, Object> m) {
        return new RelayConfig((Integer) m.get("portMin"), (Integer) m.get("portMax"), (String) m.get("bindAddress"),
                (String) m.get("advertisedAddress"), (Integer) m.get("inactivityTimeoutSeconds"),
                (Boolean) m.get("latchAnyAddress"), (Long) m.get("relatchAfterMillis"), (Integer) m.get("threads"),
                (Integer) m.get("receiveBufferBytes"), (Integer) m.get("sendBufferBytes"));
    }
}
