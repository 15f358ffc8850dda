package org.plugboard.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.plugboard.api.media.DtmfEvent;
import org.plugboard.api.media.MediaListener;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.PortUsage;

/**
 * A real gateway on ports 40000-40099 and phones on loopback. After each test every session is released and the
 * pool must be whole again.
 */
abstract class RelayFixture {
    static final RelayConfig CONFIG = RelayConfig.defaults().withPorts(40000, 40099).withBindAddress("127.0.0.1")
            .withThreads(2);

    final LinkedBlockingQueue<DtmfEvent> dtmf = new LinkedBlockingQueue<>();
    /** Session ids reported inactive. */
    final LinkedBlockingQueue<String> inactive = new LinkedBlockingQueue<>();
    final MediaListener listener = new MediaListener() {
        @Override
        public void dtmf(MediaSession session, DtmfEvent event) {
            dtmf.add(event);
        }

        @Override
        public void inactive(MediaSession session, long idleMillis) {
            inactive.add(session.id());
        }
    };
    final List<Phone> phones = new ArrayList<>();
    RelayGateway gateway;

    RelayGateway start(RelayConfig config) {
        gateway = new RelayGateway(config);
        return gateway;
    }

    Phone phone(String ip) throws Exception {
        Phone p = Phone.on(ip);
        phones.add(p);
        return p;
    }

    @AfterEach
    void poolIsWholeAfterEveryTest() {
        phones.forEach(Phone::close);
        if (gateway == null) {
            return;
        }
        try {
            gateway.sessions().forEach(MediaSession::release);
            PortUsage ports = gateway.ports();
            assertTrue(gateway.sessions().isEmpty());
            assertEquals(ports.total(), ports.free(), "every port is back in the pool");
        } finally {
            gateway.close();
        }
    }

    static String audio(String ip, int port, String... extra) {
        StringBuilder b = new StringBuilder("v=0\r\no=phone 1 1 IN IP4 " + ip + "\r\ns=-\r\nc=IN IP4 " + ip
                + "\r\nt=0 0\r\nm=audio " + port + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n");
        for (String line : extra) {
            b.append(line).append("\r\n");
        }
        return b.toString();
    }

    static String audioVideo(String ip, int audioPort, int videoPort) {
        return audio(ip, audioPort) + "m=video " + videoPort + " RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n";
    }

    /** The m= port of line {@code index} in an SDP the relay wrote. */
    static int port(String sdp, int index) {
        Matcher m = Pattern.compile("(?m)^m=\\S+ (\\d+) ").matcher(sdp);
        for (int i = 0; i <= index; i++) {
            assertTrue(m.find(), "m-line " + index + " in\n" + sdp);
        }
        return Integer.parseInt(m.group(1));
    }

    /** Waits (bounded) for a condition the event loop makes true. */
    static void eventually(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting: " + what);
            Thread.sleep(10); // poll interval of this bounded wait for an effect
        }
    }
}
