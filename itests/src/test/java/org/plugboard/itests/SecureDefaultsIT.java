package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
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
 * loopback, ssh and JMX really bound there only (a connection to this machine's other addresses is refused), and
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

    @Test
    public void sshAndJmxAcceptOnLoopbackOnly() throws Exception {
        List<InetAddress> others = new ArrayList<>();
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (ni.isUp() && !ni.isLoopback()) {
                Collections.list(ni.getInetAddresses()).stream().filter(a -> a instanceof Inet4Address).forEach(others::add);
            }
        }
        assertFalse("this machine has no non-loopback IPv4 address to try", others.isEmpty());
        for (String[] pk : new String[][] {{"org.apache.karaf.shell", "sshPort"}, {"org.apache.karaf.management", "rmiRegistryPort"},
            {"org.apache.karaf.management", "rmiServerPort"}}) {
            int port = Integer.parseInt(property(pk[0], pk[1]));
            String what = pk[1] + " " + port;
            waitFor(what + " accepting on 127.0.0.1", 30_000, () -> accepts(InetAddress.getLoopbackAddress(), port));
            for (InetAddress a : others) {
                assertFalse(what + " must not accept on " + a.getHostAddress(), accepts(a, port));
            }
        }
    }

    @Test
    public void everyPasswordOrPinOfAPbxCommandIsMaskedInTheHistory() throws Exception {
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
        assertTrue("found no command taking a password (the scan is broken): " + checked, checked.size() >= 4);
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
