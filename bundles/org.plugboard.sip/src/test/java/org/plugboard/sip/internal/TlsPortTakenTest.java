package org.plugboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plugboard.sip.internal.tls.SipTls;
import org.plugboard.sip.internal.tls.TlsSettings;

/** A TLS port another program holds costs TLS only: UDP starts, and why TLS is off is a configuration problem. */
class TlsPortTakenTest {
    private static final int UDP_PORT = 15095;
    private static final int TLS_PORT = 15096;
    private final Parking parking = new Parking(10_000, 100, System::currentTimeMillis);
    private final Dispatcher dispatcher = new Dispatcher(new Whiteboards(parking), parking, new SipStats(), new SipTrace(),
            Messages.HEADERS, Messages.MESSAGES, Messages::server, () -> null);
    private final SipTls tls = new SipTls();
    private final StackLifecycle lifecycle = new StackLifecycle(dispatcher, new SipStats(), () -> { }, tls);

    @AfterEach
    void stop() {
        lifecycle.stop();
        tls.close();
        parking.shutdown();
    }

    @Test
    void udpStartsAndTheTakenTlsPortIsReported() throws Exception {
        tls.apply(TlsSettings.of(TLS_PORT, res("a.crt"), res("a.key"), "", "", "", 0));
        try (ServerSocket other = new ServerSocket(TLS_PORT, 5, InetAddress.getByName("127.0.0.1"))) {
            lifecycle.start(config());
        }
        assertEquals(List.of("UDP 127.0.0.1:" + UDP_PORT), lifecycle.listening().points().stream().map(String::toUpperCase).toList());
        assertEquals(0, tls.port());
        assertTrue(tls.problem() != null && tls.problem().contains("cannot listen on TLS port " + TLS_PORT), tls.problem());
    }

    private static String res(String name) throws Exception {
        return Path.of(TlsPortTakenTest.class.getResource("/tls/" + name).toURI()).toString();
    }

    /** The configuration's defaults, with loopback UDP on a test port. */
    private static SipConfig config() {
        Map<String, Object> set = Map.of("listen_addresses", new String[] {"127.0.0.1"}, "port", UDP_PORT, "transports",
                new String[] {"UDP"});
        return (SipConfig) Proxy.newProxyInstance(SipConfig.class.getClassLoader(), new Class<?>[] {SipConfig.class},
                (proxy, method, args) -> set.containsKey(method.getName()) ? set.get(method.getName()) : method.getDefaultValue());
    }
}
