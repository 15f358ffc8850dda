package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Option;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The distribution's secure defaults as they run: ssh, JMX (RMI registry and server) and HTTP configured on
 * loopback, ssh and JMX really bound there only (the kernel's tables of listening sockets, this JVM's), and
 * every password or PIN a pbx:* command takes masked in the console history (Karaf's censor). The first-start
 * password is checked by itests/e2e/secure-defaults.sh (Pax Exam starts Java itself, without bin/setenv).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SecureDefaultsIT extends PbxTestSupport {
    @Inject
    ConfigurationAdmin configAdmin;

    @Test
    public void sshJmxAndHttpAreConfiguredOnLoopback() throws Exception {
        assertEquals("127.0.0.1", property("org.apache.karaf.shell", "sshHost"));
        assertEquals("127.0.0.1", property("org.apache.karaf.management", "rmiRegistryHost"));
        assertEquals("127.0.0.1", property("org.apache.karaf.management", "rmiServerHost"));
        assertEquals("127.0.0.1", property("org.ops4j.pax.web", "org.ops4j.pax.web.listening.addresses"));
    }

    /**
     * What this JVM has listening, read from the kernel's tables (no traffic to other addresses): ssh, the JMX RMI
     * registry and the JMX RMI server on loopback only.
     * <p>
     * Pax Exam runs an RMI registry of its own in the test driver's JVM, on every interface, and points Karaf's
     * {@code rmiRegistryPort} at it, so Karaf only looks that one up. That socket (not the PBX's) is what the first
     * full run found on every interface. So the test gives Karaf a registry port of its own, as a distribution has, and
     * looks only at sockets this JVM owns.
     */
    @Test
    public void sshAndJmxListenOnLoopbackOnly() throws Exception {
        int registry = ownRegistryPort();
        for (String[] pk : new String[][] {{"org.apache.karaf.shell", "sshPort"}, {"org.apache.karaf.management", "rmiRegistryPort"},
            {"org.apache.karaf.management", "rmiServerPort"}}) {
            int port = Integer.parseInt(property(pk[0], pk[1]));
            String what = pk[1] + " " + port;
            waitFor(what + " accepting on 127.0.0.1", 30_000, () -> accepts(InetAddress.getLoopbackAddress(), port)
                    && !listening(port).isEmpty());
            List<String> bound = listening(port);
            for (String local : bound) {
                assertTrue(what + " listens on " + local + ", not only on loopback: " + bound,
                        local.equals("0100007F") || local.equals("00000000000000000000000001000000")
                                || local.equals("0000000000000000FFFF00000100007F"));
            }
        }
        assertEquals(registry, Integer.parseInt(property("org.apache.karaf.management", "rmiRegistryPort")));
    }

    /** Moves Karaf's JMX registry off Pax Exam's onto a free port, where Karaf creates it (the connector restarts). */
    private int ownRegistryPort() throws IOException {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        org.osgi.service.cm.Configuration c = configAdmin.getConfiguration("org.apache.karaf.management", null);
        java.util.Dictionary<String, Object> p = c.getProperties();
        String old = p.get("rmiRegistryPort").toString().trim();
        p.put("rmiRegistryPort", Integer.toString(port));
        Object url = p.get("serviceUrl");
        if (url != null) {
            p.put("serviceUrl", url.toString().replace(":" + old + "/", ":" + port + "/"));
        }
        c.update(p);
        return port;
    }

    /**
     * The local addresses (hex, as the kernel prints them) of the sockets of this JVM listening on {@code port}: the
     * tables list every process's sockets, so only those whose inode is one of this process's descriptors count.
     */
    private static List<String> listening(int port) {
        List<String> addresses = new ArrayList<>();
        try {
            java.util.Set<String> mine = new java.util.HashSet<>();
            try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
                fds.forEach(fd -> {
                    try {
                        String target = java.nio.file.Files.readSymbolicLink(fd).toString();
                        if (target.startsWith("socket:[")) {
                            mine.add(target.substring(8, target.length() - 1));
                        }
                    } catch (IOException e) {
                        // closed meanwhile
                    }
                });
            }
            for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
                java.nio.file.Path file = java.nio.file.Path.of(table);
                if (!java.nio.file.Files.exists(file)) {
                    continue;
                }
                List<String> lines = java.nio.file.Files.readAllLines(file);
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.trim().split("\\s+");
                    String[] local = f[1].split(":");
                    if (f[3].equals("0A") && Integer.parseInt(local[1], 16) == port && mine.contains(f[9])) { // 0A: LISTEN
                        addresses.add(local[0]);
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return addresses;
    }

    @Test
    public void everyPasswordOrPinOfAPbxCommandIsMaskedInTheHistory() throws Exception {
        // the features whose commands take secrets, besides the core's pbx:ext-add and pbx:ext-password
        ensureFeature(features, "pbx-lines", "pbx:line-list", "line(s)");
        ensureFeature(features, "pbx-trunks", "pbx:trunk-list", "trunk(s)");
        // each feature is waited for through its list command, as its own IT does (a "help" probe is not captured here)
        ensureFeature(features, "pbx-voicemail", "pbx:vm-list", "Mailbox");
        ensureFeature(features, "pbx-conference", "pbx:conf-list", "room(s)");
        List<String> checked = new ArrayList<>();
        List<String> unmasked = new ArrayList<>();
        for (Bundle b : bundleContext.getBundles()) {
            String packages = b.getHeaders().get("Karaf-Commands");
            if (b.getSymbolicName() == null || !b.getSymbolicName().startsWith("org.plugboard") || packages == null) {
                continue;
            }
            for (String pkg : packages.split(",")) {
                var entries = b.findEntries(pkg.trim().replace('.', '/'), "*Command.class", false);
                while (entries != null && entries.hasMoreElements()) {
                    URL u = entries.nextElement();
                    String cls = u.getPath().substring(1).replace('/', '.').replaceFirst("\\.class$", "");
                    for (Field f : b.loadClass(cls).getDeclaredFields()) {
                        Argument arg = f.getAnnotation(Argument.class);
                        Option opt = f.getAnnotation(Option.class);
                        String name = arg != null ? arg.name() : opt != null ? opt.name() : null;
                        if (name != null && name.toLowerCase().matches(".*(password|pin|secret).*")) {
                            checked.add(cls + "." + name);
                            if (!(arg != null ? arg.censor() : opt.censor())) {
                                unmasked.add(cls + "." + name);
                            }
                        }
                    }
                }
            }
        }
        assertTrue("found no command taking a password (the scan is broken): " + checked, checked.size() >= 6);
        assertTrue("not masked in the history (add censor = true, mask = '*'): " + unmasked, unmasked.isEmpty());
    }

    private String property(String pid, String key) throws IOException {
        var props = configAdmin.getConfiguration(pid, null).getProperties();
        Object v = props == null ? null : props.get(key);
        assertTrue(pid + " has no " + key, v != null);
        return v.toString().trim();
    }

    private static boolean accepts(InetAddress address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
