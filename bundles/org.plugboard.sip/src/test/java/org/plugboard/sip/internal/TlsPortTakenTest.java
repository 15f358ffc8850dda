package org.plugboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plugboard.sip.internal.tls.SipTls;
import org.plugboard.sip.internal.tls.TlsSettings;

/** A TLS port another program holds costs TLS only: UDP starts, and why TLS is off is a configuration problem. */
class TlsPortTakenTest {
    private static final int UDP_PORT = 15095;
    private static final int TLS_PORT = 15096;
    private final LoopbackStack stack = new LoopbackStack();
    private final StackLifecycle lifecycle = stack.lifecycle;
    private final SipTls tls = stack.tls;

    @AfterEach
    void stop() {
        stack.close();
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

    private static SipConfig config() {
        return LoopbackStack.udpConfig(UDP_PORT);
    }
}
