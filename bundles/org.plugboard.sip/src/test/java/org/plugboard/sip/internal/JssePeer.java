package org.plugboard.sip.internal;

import java.io.InputStream;
import java.net.InetAddress;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** A plain JSSE TLS server on loopback presenting test certificate a: the far end of the stack's TLS client tests. */
final class JssePeer {
    private JssePeer() {
    }

    /** A server socket on {@code port} with certificate a (CN=pbx-test-a). */
    static SSLServerSocket listen(int port) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = JssePeer.class.getResourceAsStream("/tls/a.p12")) {
            ks.load(in, "secret".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "secret".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(port, 5, InetAddress.getLoopbackAddress());
    }

    /**
     * The first line of the first message on the first connection, read on a daemon thread; a failed handshake
     * completes it exceptionally. {@code holdOpen}: keep the connection until the peer closes it (the test ends).
     */
    static CompletableFuture<String> firstLine(SSLServerSocket server, boolean holdOpen) {
        CompletableFuture<String> first = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (SSLSocket s = (SSLSocket) server.accept()) {
                s.setSoTimeout(10_000);
                InputStream in = s.getInputStream();
                StringBuilder line = new StringBuilder();
                int c;
                while ((c = in.read()) >= 0 && c != '\r') {
                    line.append((char) c);
                }
                first.complete(line.toString());
                if (holdOpen) {
                    in.read();
                }
            } catch (Exception e) {
                first.completeExceptionally(e);
            }
        }, "tls-peer");
        t.setDaemon(true);
        t.start();
        return first;
    }
}
