package org.plugboard.itests;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A configuration that cannot be applied is shown with its reason where an admin looks: in pbx:line-list and
 * pbx:trunk-list, and in pbx:config-check with the property at fault and the fix; fixing it clears it. Also TLS key
 * files that do not load (source sip).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfigCheckIT extends PbxTestSupport {
    @Inject
    ConfigurationAdmin configAdmin;

    private final List<Configuration> configurations = new ArrayList<>();

    @Before
    public void linesAndTrunksInstalled() throws Exception {
        ensureFeature(features, "pbx-lines", "pbx:line-list", "line(s)");
        ensureFeature(features, "pbx-trunks", "pbx:trunk-list", "trunk(s)");
    }

    @After
    public void removeConfigurations() throws Exception {
        for (Configuration c : configurations) {
            try {
                c.delete();
            } catch (IllegalStateException e) {
                // deleted by the test
            }
        }
        waitFor("no configuration problem left", 15_000, () -> command("pbx:config-check").contains("No configuration problems"));
    }

    @Test
    public void aBadLineAndABadTrunkAreListedWithTheirReasonUntilFixed() throws Exception {
        String clean = command("pbx:config-check");
        assertTrue(clean, clean.contains("No configuration problems") && clean.contains("lines") && clean.contains("trunks")
                && clean.contains("sip"));

        Configuration line = factory("org.plugboard.lines", "bad1",
                Map.of("domain", "127.0.0.9", "account", "4930", "password", "s3cret-line", "transport", "SCTP", "register", "false"));
        waitFor("the bad line in pbx:line-list", 15_000, () -> command("pbx:line-list").contains("NOT APPLIED"));
        String lines = command("pbx:line-list");
        assertTrue(lines, lines.contains("bad1") && lines.contains("transport 'SCTP'"));

        factory("org.plugboard.trunks", "bad2", Map.of("prefix", "0"));
        waitFor("the bad trunk in pbx:trunk-list", 15_000, () -> command("pbx:trunk-list").contains("NOT APPLIED"));
        String trunks = command("pbx:trunk-list");
        assertTrue(trunks, trunks.contains("bad2") && trunks.contains("NOT APPLIED: prefix '0'"));

        String check = command("pbx:config-check");
        assertTrue(check, check.contains("bad1") && check.contains("transport") && check.contains("UDP, TCP or TLS"));
        assertTrue(check, check.contains("bad2") && check.contains("prefix '0' needs an address"));
        assertTrue("the check fails as a command, for scripts: " + check, check.contains("Error: 2 configuration(s) not applied"));
        assertFalse("a password is never shown: " + check + lines, check.contains("s3cret-line") || lines.contains("s3cret-line"));

        Dictionary<String, Object> fixed = line.getProperties();
        fixed.put("transport", "UDP");
        line.update(fixed);
        waitFor("the fixed line applied", 15_000, () -> !command("pbx:line-list").contains("NOT APPLIED"));
        String after = command("pbx:config-check");
        assertTrue(after, after.contains("Error: 1 configuration(s) not applied") && !after.contains("bad1"));
    }

    @Test
    public void tlsKeyFilesThatDoNotLoadAreASipProblem() throws Exception {
        Configuration sip = configAdmin.getConfiguration("org.plugboard.sip", null);
        Dictionary<String, Object> p = sip.getProperties();
        p.put("tls.certificate", "/nonexistent/sip.crt");
        p.put("tls.private.key", "/nonexistent/sip.key");
        sip.update(p);
        try {
            waitFor("the TLS problem in pbx:config-check", 15_000, () -> command("pbx:config-check").contains("SIP over TLS is off"));
            String check = command("pbx:config-check");
            assertTrue(check, check.contains("sip") && check.contains("/nonexistent/sip.crt"));
            assertTrue(command("pbx:sip-tls"), command("pbx:sip-tls").contains("TLS off"));
        } finally {
            p.remove("tls.certificate");
            p.remove("tls.private.key");
            sip.update(p);
        }
    }

    private Configuration factory(String factoryPid, String name, Map<String, Object> settings) throws Exception {
        Configuration c = configAdmin.getFactoryConfiguration(factoryPid, name, "?");
        Hashtable<String, Object> p = new Hashtable<>(settings);
        p.put("name", name);
        c.update(p);
        configurations.add(c);
        return c;
    }
}
