package org.plugboard.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.plugboard.api.handover.HandoverStore;
import org.plugboard.api.media.MediaListener;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.DtmfEvent;
import org.plugboard.api.media.Side;

public class LocalMediaGatewayTest {
    public static final MediaListener QUIET = new MediaListener() {
        @Override
        public void dtmf(MediaSession session, DtmfEvent event) {
        }

        @Override
        public void inactive(MediaSession session, long idleMillis) {
        }
    };

    @Test
    void configurationMapsOntoTheRelayAndChangesApplyToNewSessionsOnly() throws Exception {
        LocalMediaGateway gateway = new LocalMediaGateway(config(40300, 40309));
        try {
            assertEquals("local", gateway.engine());
            assertEquals(10, gateway.ports().total());
            MediaSession live = gateway.open("c1", QUIET);
            live.offer(Side.CALLER, sdp(), "127.0.0.1", "127.0.0.1");
            gateway.modified(config(40310, 40399));
            assertEquals(90, gateway.ports().total(), "the new range");
            assertEquals(90, gateway.ports().free());
            assertTrue(gateway.find(live.id()).isPresent(), "the live session is kept");
            assertTrue(live.stats().get(0).localPort() < 40310, "with its ports");
            live.release();
        } finally {
            gateway.deactivate();
        }
        assertTrue(gateway.sessions().isEmpty());
    }

    @Test
    void deactivationHandsLiveSessionsToTheNextActivationThroughTheStore() throws Exception {
        Map<String, List<Map<String, Object>>> deposits = new HashMap<>();
        HandoverStore store = new HandoverStore() {
            @Override
            public void deposit(String owner, List<Map<String, Object>> states) {
                deposits.computeIfAbsent(owner, o -> new ArrayList<>()).addAll(states);
            }

            @Override
            public List<Map<String, Object>> collect(String owner) {
                List<Map<String, Object>> states = deposits.remove(owner);
                return states == null ? List.of() : states;
            }
        };
        LocalMediaGateway first = new LocalMediaGateway(config(40300, 40309), store);
        MediaSession live = first.open("c1", QUIET);
        live.offer(Side.CALLER, sdp(), "127.0.0.1", "127.0.0.1");
        first.deactivate();
        assertEquals(1, deposits.get(LocalMediaGateway.HANDOVER_OWNER).size(), "one session deposited");
        LocalMediaGateway next = new LocalMediaGateway(config(40300, 40309), store);
        try {
            assertTrue(deposits.isEmpty(), "collected at activation");
            assertEquals(live.id(), next.find(live.id()).orElseThrow().id());
            assertEquals(6, next.ports().free(), "its two pairs count as used in the new version's pool");
            live.release();
            assertTrue(next.sessions().isEmpty());
            assertEquals(10, next.ports().free());
        } finally {
            next.deactivate();
        }
        assertTrue(deposits.isEmpty(), "nothing live: nothing deposited, the relay simply stopped");
    }

    public static String sdp() {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
    }

    /** The component's configuration as DS would build it, defaults except the port range. */
    public static MediaConfig config(int min, int max) {
        return new MediaConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return MediaConfig.class;
            }

            @Override
            public int port_min() {
                return min;
            }

            @Override
            public int port_max() {
                return max;
            }

            @Override
            public String bind_address() {
                return "127.0.0.1";
            }

            @Override
            public String advertised_address() {
                return "";
            }

            @Override
            public int inactivity_timeout() {
                return 60;
            }

            @Override
            public boolean latch_any_address() {
                return false;
            }

            @Override
            public long relatch_after_ms() {
                return 2000;
            }

            @Override
            public int threads() {
                return 1;
            }

            @Override
            public int socket_receive_buffer() {
                return 0;
            }

            @Override
            public int socket_send_buffer() {
                return 0;
            }

            @Override
            public int handover_timeout() {
                return 30;
            }

            @Override
            public String recording_announcement() {
                return "";
            }
        };
    }
}
