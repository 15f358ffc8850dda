package org.plugboard.trunks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.plugboard.api.sip.NextHop;

class TrunkSettingsTest {
    static TrunkConfig config(String name, String[] peers, String address, String prefix, String[] did, String maxIn, String maxOut) {
        return new TrunkConfig() {
            public Class<? extends Annotation> annotationType() { return TrunkConfig.class; }
            public String name() { return name; }
            public String[] peers() { return peers; }
            public String address() { return address; }
            public String transport() { return "udp"; }
            public String prefix() { return prefix; }
            public String caller_id() { return ""; }
            public String[] did() { return did; }
            public String max_inbound() { return maxIn; }
            public String max_outbound() { return maxOut; }
            public String username() { return ""; }
            public String password() { return ""; }
        };
    }

    static TrunkSettings settings(String name, String maxIn, String maxOut) {
        return TrunkSettings.from(config(name, new String[] {"127.0.0.4"}, "127.0.0.5:16210", "0", new String[0], maxIn, maxOut));
    }

    /** A trunk at 127.0.0.5:16210 with the settings a test cares about. */
    static final class ConfigBuilder {
        private final String name;
        private String[] peers = {"127.0.0.4"};
        private String prefix = "";
        private String callerId = "";
        private String did = "";

        ConfigBuilder(String name) {
            this.name = name;
        }

        ConfigBuilder peers(String... p) {
            peers = p;
            return this;
        }

        ConfigBuilder prefix(String p) {
            prefix = p;
            return this;
        }

        ConfigBuilder callerId(String c) {
            callerId = c;
            return this;
        }

        ConfigBuilder did(String d) {
            did = d;
            return this;
        }

        TrunkConfig build() {
            TrunkConfig base = config(name, peers, "127.0.0.5:16210", prefix, new String[] {did}, "", "");
            String cid = callerId;
            return new TrunkConfig() {
                public Class<? extends Annotation> annotationType() { return TrunkConfig.class; }
                public String name() { return base.name(); }
                public String[] peers() { return base.peers(); }
                public String address() { return base.address(); }
                public String transport() { return base.transport(); }
                public String prefix() { return base.prefix(); }
                public String caller_id() { return cid; }
                public String[] did() { return base.did(); }
                public String max_inbound() { return base.max_inbound(); }
                public String max_outbound() { return base.max_outbound(); }
                public String username() { return base.username(); }
                public String password() { return base.password(); }
            };
        }
    }

    /** Issue 16: TLS toward trunks (it was refused while the RI's TLS client was broken); default port 5061. */
    @Test
    void tlsTowardTheAddressDefaultsToPort5061() {
        TrunkConfig base = config("secure", new String[] {"127.0.0.4"}, "127.0.0.5", "0", new String[0], "", "");
        TrunkConfig tls = (TrunkConfig) java.lang.reflect.Proxy.newProxyInstance(TrunkConfig.class.getClassLoader(),
                new Class<?>[] {TrunkConfig.class}, (proxy, method, args) -> method.getName().equals("transport") ? "tls"
                        : method.invoke(base, args));
        assertEquals(new org.plugboard.api.sip.NextHop("127.0.0.5", 5061, "TLS"), TrunkSettings.from(tls).address());
    }

    @Test
    void parsesPeersAddressDidsAndLimits() {
        TrunkSettings s = TrunkSettings.from(config("carrier", new String[] {"127.0.0.4, 10.0.0.1:5070", "[::1]:5080", "sbc.example"},
                "127.0.0.5:16210", "0", new String[] {"+4930123456=1002,*=1001"}, "2", "0"));
        assertEquals(List.of(new Peer("127.0.0.4", 0), new Peer("10.0.0.1", 5070), new Peer("::1", 5080), new Peer("sbc.example", 0)),
                s.peers());
        assertEquals(new NextHop("127.0.0.5", 16210, "UDP"), s.address());
        assertEquals(Map.of("+4930123456", "1002", "*", "1001"), s.dids());
        assertEquals(2, s.maxInbound());
        assertEquals(0, s.maxOutbound());
        assertEquals("trunk:carrier", s.profile());
        assertTrue(s.sources().contains(new Peer("127.0.0.5", 0)), "the address counts as a peer");
    }

    @Test
    void emptyOrNegativeLimitIsUnlimited() {
        assertEquals(TrunkSettings.UNLIMITED, settings("t", "", "-1").maxInbound());
        assertEquals(TrunkSettings.UNLIMITED, settings("t", "", "-1").maxOutbound());
        assertEquals(TrunkSettings.UNLIMITED, settings("t", null, " ").maxInbound());
    }

    @Test
    void badSettingsNameTheProperty() {
        assertMessage("max.inbound 'two'", () -> settings("t", "two", ""));
        assertMessage("name 'a b'", () -> settings("a b", "", ""));
        assertMessage("peers: '10.0.0.1:x'", () -> TrunkSettings.from(config("t", new String[] {"10.0.0.1:x"}, "", "", null, "", "")));
        assertMessage("prefix '9' needs an address", () -> TrunkSettings.from(config("t", new String[] {"1.2.3.4"}, "", "9", null, "", "")));
        assertMessage("peers or address is required", () -> TrunkSettings.from(config("t", null, "", "", null, "", "")));
        assertMessage("did 'x'", () -> TrunkSettings.from(config("t", new String[] {"1.2.3.4"}, "", "", new String[] {"x"}, "", "")));
        assertMessage("address 'h:99999'", () -> TrunkSettings.from(config("t", null, "h:99999", "", null, "", "")));
    }

    @Test
    void peerParsing() {
        assertEquals(new Peer("fe80::1", 0), Peer.parse("fe80::1"));
        assertEquals(new Peer("fe80::1", 0), Peer.parse("[fe80::1]"));
        assertEquals("[::1]:5080", Peer.parse("[::1]:5080").toString());
        assertNull(ResolvedTrunk.literalOnly("sbc.example"), "names are never looked up on a SIP thread");
    }

    private static void assertMessage(String start, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
