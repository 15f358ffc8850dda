package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.URI;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.cm.ConfigurationAdmin;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrSink;
import org.plugboard.api.service.CallService;

/**
 * The third-party plugin of examples/business-hours, built by its own pom against the released API only, installed
 * into the running distribution the way an integrator does it (its features repository, then its feature), then
 * configured so that now is outside its opening hours: a call to 1002 must ring 1003 instead.
 * scripts/test.sh installs the example into the local Maven repository before the itests; the container resolves
 * it from there by its coordinates.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ExamplePluginIT extends PbxTestSupport {
    /** The coordinates in examples/business-hours/pom.xml. */
    private static final String PLUGIN = "mvn:com.example/com.example.businesshours/1.0.0-SNAPSHOT";
    private static final String FEATURE = "example-business-hours";
    private static final String BSN = "com.example.businesshours";
    private static final String PID = "com.example.businesshours";
    // Below the kernel's ephemeral range (32768-60999), where an outgoing socket could take a fixed port.
    private static final int CALLER_PORT = 16400;
    private static final int PORT_1002 = 16401;
    private static final int PORT_1003 = 16402;


    @Inject
    protected ConfigurationAdmin configAdmin;

    /** Waits for the B2BUA, the plugin's host. */
    @Inject
    @Filter(timeout = 60_000)
    protected CallControl calls;

    private final List<CallDetailRecord> cdrs = new CopyOnWriteArrayList<>();
    private ServiceRegistration<CdrSink> sink;

    @Override
    protected Option[] extraOptions() {
        String localRepository = System.getProperty("org.ops4j.pax.url.mvn.localRepository",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        return new Option[] {
            // mvn: URLs resolve from the build's local repository, where the example plugin was installed.
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", localRepository),
            editConfigurationFilePut("etc/org.plugboard.registrar.cfg", "ban.allow", "127.0.0.1"),
        };
    }

    @Before
    public void installAndConfigureThePlugin() throws Exception {
        org.apache.karaf.features.Feature installed = features.getFeature(FEATURE); // null until its repository is added
        if (installed == null || !features.isInstalled(installed)) {
            features.addRepository(URI.create(PLUGIN + "/xml/features"));
            // No refresh of other bundles: installing a plugin must not restart the PBX's own.
            features.installFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        }
        org.osgi.service.cm.Configuration c = configAdmin.getConfiguration(PID, "?");
        c.update(outsideHoursNow());
        waitFor("the business-hours CallService", 30_000, () -> pluginService() != null);
        sink = collectCdrs(cdrs);
    }

    @After
    public void removeSink() {
        if (sink != null) {
            sink.unregister();
        }
    }

    /** Open only tomorrow (UTC), so now is outside the hours whenever the test runs; 1002's calls go to 1003. */
    private static Dictionary<String, Object> outsideHoursNow() {
        DayOfWeek tomorrow = ZonedDateTime.now(ZoneOffset.UTC).plusDays(1).getDayOfWeek();
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("days", tomorrow.name().substring(0, 3));
        p.put("open", "09:00");
        p.put("close", "17:00");
        p.put("timezone", "UTC");
        p.put("extensions", "1002");
        p.put("target", "1003");
        return p;
    }

    private ServiceReference<CallService> pluginService() {
        try {
            Collection<ServiceReference<CallService>> refs = bundleContext.getServiceReferences(CallService.class,
                    "(" + CallService.NAME + "=business-hours)");
            return refs.isEmpty() ? null : refs.iterator().next();
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Bundle plugin() {
        for (Bundle b : bundleContext.getBundles()) {
            if (BSN.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    @Test
    public void thePluginResolvesAgainstTheApiAndRegistersItsCallService() {
        Bundle b = plugin();
        assertNotNull("the plugin bundle is not installed", b);
        assertEquals("plugin bundle state", Bundle.ACTIVE, b.getState());
        // Its only Plugboard import is the service package, wired to the PBX's API bundle.
        List<BundleWire> wires = b.adapt(BundleWiring.class).getRequiredWires("osgi.wiring.package");
        BundleWire api = wires.stream()
                .filter(w -> "org.plugboard.api.service".equals(w.getCapability().getAttributes().get("osgi.wiring.package")))
                .findFirst().orElseThrow(() -> new AssertionError("no wire for org.plugboard.api.service: " + wires));
        assertEquals("org.plugboard.api", api.getProvider().getBundle().getSymbolicName());
        ServiceReference<CallService> ref = pluginService();
        assertEquals(b, ref.getBundle());
        assertEquals("ROUTED", String.valueOf(ref.getProperty(CallService.POINTS)));
    }

    @Test
    public void aCallOutsideHoursRingsTheTargetInsteadOfTheCallee() throws Exception {
        register("1002", PORT_1002);
        register("1003", PORT_1003);
        Sipp.Result caller;
        Sipp.Result at1002;
        Sipp.Result at1003;
        try {
            // 1002 would answer if asked; outside hours it must not even get the INVITE (its SIPp then times out).
            Sipp.Running callee1002 = sipp("calls/uas-answer.xml").server().user("1002", password("1002"))
                    .from("127.0.0.1", PORT_1002).timeout(10).start();
            Sipp.Running callee1003 = sipp("calls/uas-answer.xml").server().user("1003", password("1003"))
                    .from("127.0.0.1", PORT_1003).timeout(25).start();
            caller = sipp("plugins/uac-call-diverted.xml").user("1001", password("1001")).service("1002")
                    .key("caller", "1001").key("hold_ms", "500").from("127.0.0.1", CALLER_PORT).timeout(20).run();
            at1003 = callee1003.await();
            at1002 = callee1002.await();
        } finally {
            unregister("1002", PORT_1002);
            unregister("1003", PORT_1003);
        }
        assertFalse("1002 got the call during closed hours:\n" + at1002.messages(), at1002.messages().contains("INVITE sip:"));
        passed("caller (181 with Call-Info purpose=forwarding, then answered)", caller);
        passed("1003, the target outside hours", at1003);
        CallDetailRecord cdr = cdrOf(cdrs, caller);
        assertTrue("answered by " + cdr.answeredBy(), cdr.answeredBy().startsWith("1003@")
                && cdr.answeredBy().endsWith(":" + PORT_1003));
        assertEquals("1001", cdr.caller());
    }
}
