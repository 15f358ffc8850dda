package org.plugboard.itests;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.apache.karaf.features.FeaturesService;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.plugboard.api.media.MediaGateway;

/**
 * A private copy of the built media node (media-node/target/assembly, property {@code media.node.home}) started as
 * its own process with its ng socket and media ports given by the test; closing it stops the process tree and
 * deletes the copy.
 */
final class MediaNode implements AutoCloseable {
    private final Path home;
    private final Process process;
    private final int ngPort;

    private MediaNode(Path home, Process process, int ngPort) {
        this.home = home;
        this.process = process;
        this.ngPort = ngPort;
    }

    static MediaNode start(int ngPort, int portMin, int portMax) throws Exception {
        String built = System.getProperty("media.node.home");
        if (built == null) {
            throw new AssertionError("media.node.home not set by the build");
        }
        Path node = Files.createTempDirectory("media-node");
        // a private copy, so the test's configuration never touches the built distribution
        new ProcessBuilder("cp", "-a", built + "/.", node.toString()).inheritIO().start().waitFor();
        Files.writeString(node.resolve("etc/org.plugboard.media.ng.server.cfg"), "listen = 127.0.0.1:" + ngPort + "\n");
        Files.writeString(node.resolve("etc/org.plugboard.media.cfg"), "port.min = " + portMin + "\nport.max = " + portMax + "\n");
        assertNoNgEngine(ngPort); // a node left over by an earlier run would answer in this one's place
        Process p = new ProcessBuilder(node.resolve("bin/karaf").toString(), "server").directory(node.toFile()).redirectErrorStream(true)
                .redirectOutput(node.resolve("console.log").toFile()).start();
        return new MediaNode(node, p, ngPort);
    }

    /**
     * Configures the PBX's ng client for an engine (installing pbx-media-ng) and waits for its MediaGateway; the
     * caller deletes the configuration.
     */
    static Configuration remoteEngine(FeaturesService features, ConfigurationAdmin admin, BundleContext context, String name,
            int ngPort) throws Exception {
        features.installFeature("pbx-media-ng");
        Configuration c = admin.createFactoryConfiguration("org.plugboard.media.ng", "?");
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("name", name);
        p.put("address", "127.0.0.1:" + ngPort);
        c.update(p);
        PbxTestSupport.waitFor("the media engine " + name, 10_000, () -> {
            try {
                return context.getServiceReferences(MediaGateway.class, "(plugboard.media.engine=" + name + ")").size() == 1;
            } catch (Exception e) {
                return false;
            }
        });
        return c;
    }

    /** Waits (up to a minute: a Karaf boot) until the node answers ping. */
    void awaitReady() throws Exception {
        waitForNgPing(ngPort, 60_000);
    }

    @Override
    public void close() throws Exception {
        stopTree(process);
        new ProcessBuilder("rm", "-rf", home.toString()).start().waitFor();
    }

    /**
     * Stops a started program and everything it started: bin/karaf runs the JVM as its child, so destroying the
     * script alone would leave the node running.
     */
    private static void stopTree(Process p) throws InterruptedException {
        List<ProcessHandle> all = new java.util.ArrayList<>(p.descendants().toList());
        all.add(p.toHandle());
        all.forEach(ProcessHandle::destroy);
        long end = System.currentTimeMillis() + 20_000;
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(Math.max(1, end - System.currentTimeMillis()), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                h.destroyForcibly();
            }
        }
    }

    private static void assertNoNgEngine(int port) throws Exception {
        try {
            waitForNgPing(port, 1000);
        } catch (AssertionError expected) {
            return; // nothing answers: the port is ours
        }
        throw new AssertionError("an ng engine already answers on 127.0.0.1:" + port + " (a media node left running?)");
    }

    /** Waits until an ng engine answers "ping" with "pong" (bencoded, over UDP). */
    private static void waitForNgPing(int port, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            s.setSoTimeout(500);
            byte[] ping = "itest d7:command4:pinge".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            while (System.currentTimeMillis() < end) {
                s.send(new DatagramPacket(ping, ping.length, new InetSocketAddress("127.0.0.1", port)));
                DatagramPacket in = new DatagramPacket(new byte[1500], 1500);
                try {
                    s.receive(in);
                    if (new String(in.getData(), 0, in.getLength(), java.nio.charset.StandardCharsets.US_ASCII).contains("pong")) {
                        return;
                    }
                } catch (java.net.SocketTimeoutException e) {
                    // no answer within the receive timeout: ask again
                }
            }
        }
        throw new AssertionError("no ng engine answered ping on 127.0.0.1:" + port);
    }
}
