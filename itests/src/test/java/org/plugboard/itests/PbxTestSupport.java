package org.plugboard.itests;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.function.BooleanSupplier;

import javax.inject.Inject;

import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.apache.karaf.shell.support.CommandException;
import org.junit.After;
import org.junit.Before;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;
import org.plugboard.api.calls.CallEvents;
import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrSink;

/**
 * Boots the real Plugboard distribution (the karaf-assembly tar.gz) once per test class, with SIP on
 * 127.0.0.1:15060 so a PBX started by hand on 5060 does not collide, and runs console commands and SIPp.
 */
public abstract class PbxTestSupport {
    public static final int SIP_PORT = 15060;

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected SessionFactory sessionFactory;

    /**
     * Karaf's features service, looked up once the boot features are installed: Karaf replaces the service while
     * it boots, and an instance taken earlier (an {@code @Inject} field on a slow machine) refuses every call.
     */
    protected FeaturesService features;
    private ServiceTracker<FeaturesService, FeaturesService> featuresTracker;

    @Before
    public void bootFinished() throws Exception {
        ServiceTracker<BootFinished, BootFinished> boot = new ServiceTracker<>(bundleContext, BootFinished.class, null);
        boot.open();
        try {
            if (boot.waitForService(120_000) == null) {
                throw new AssertionError("Karaf did not finish installing its boot features in 120 s");
            }
        } finally {
            boot.close();
        }
        // Karaf may still be replacing the features service just after BootFinished: every call goes to the one
        // registered at that moment (LiveFeatures), through a tracker open for the whole test.
        featuresTracker = new ServiceTracker<>(bundleContext, FeaturesService.class, null);
        featuresTracker.open();
        if (featuresTracker.waitForService(60_000) == null) {
            throw new AssertionError("no FeaturesService within 60 s after boot");
        }
        features = LiveFeatures.following(featuresTracker);
    }

    @After
    public void closeFeaturesTracker() {
        if (featuresTracker != null) {
            featuresTracker.close();
        }
    }

    @Configuration
    public Option[] config() {
        ExamFolders.pruneFinished(Path.of("target/exam"));
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration()
                        .frameworkUrl(maven().groupId("org.plugboard").artifactId("karaf-assembly").type("tar.gz")
                                .version(System.getProperty("project.version")))
                        .name("Plugboard").unpackDirectory(new File("target/exam")).useDeployFolder(false),
                configureConsole().ignoreLocalConsole(),
                logLevel(LogLevel.INFO),
                keepRuntimeFolder(),
                // Each class boots its own short-lived Karaf (40 boots a run): C1 alone and the serial collector
                // boot it about 3 s faster on two cores, and the load classes ran no slower (README, "Tests").
                vmOption("-XX:TieredStopAtLevel=1"),
                vmOption("-XX:+UseSerialGC"),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", "18101"),
                // the distribution ships no console password (bin/setenv makes one, but Pax Exam starts Java itself)
                editConfigurationFilePut("etc/users.properties", "karaf", "karaf,_g_:admingroup"),
                editConfigurationFilePut("etc/org.plugboard.sip.cfg", "port", Integer.toString(SIP_PORT)),
                editConfigurationFilePut("etc/org.plugboard.sip.cfg", "listen.addresses", "127.0.0.1"),
                systemProperty("itest.resources").value(System.getProperty("itest.resources")),
                systemProperty("protos.dir").value(System.getProperty("protos.dir", "")),
                systemProperty("media.node.home").value(System.getProperty("media.node.home", ""))));
        options.addAll(List.of(extraOptions()));
        return options.toArray(new Option[0]);
    }

    /** Per-class configuration on top of the distribution's defaults. */
    protected Option[] extraOptions() {
        return new Option[0];
    }

    /**
     * Karaf registers a bundle's console commands a moment after the services they need (its CommandExtension
     * waits for them), so a test that starts as soon as the injected services exist can find pbx:* missing
     * (RegistrarIT's first test once got "Command not found: pbx:ext-import"). Waits for the core's commands.
     */
    @org.junit.Before
    public void coreCommandsRegistered() throws InterruptedException {
        waitFor("the core's console commands (pbx:ext-list)", 60_000, () -> !command("pbx:ext-list").contains("Command not found"));
    }

    /** A console command printed {@code expected} (its output is in the failure message). */
    protected void assertCommand(String command, String expected) {
        String out = command(command);
        org.junit.Assert.assertTrue(command + " printed: " + out, out.contains(expected));
    }

    /**
     * After a test: every call has ended within 10 s; otherwise the ones left are hung up (so the next test starts
     * clean) and the test fails naming them.
     */
    protected static void assertNoCallLeftBehind(org.plugboard.api.calls.CallControl calls) throws InterruptedException {
        try {
            waitFor("the live-call list to be empty", 10_000, () -> calls.calls().isEmpty());
        } catch (AssertionError e) {
            String left = calls.calls().toString();
            calls.calls().forEach(c -> calls.hangup(c.id(), org.plugboard.api.calls.CallTag.ADMIN_HANGUP));
            throw new AssertionError("calls left behind: " + left, e);
        }
    }

    /**
     * Runs a console command as an admin would and returns what it printed (stdout and stderr). A command that fails
     * with a CommandException (every pbx:* failure, Karaf's usage errors) adds the line the console shows for it
     * ({@code Error: ...}); any other exception adds {@code EXCEPTION} and the exception.
     */
    protected String command(String command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(System.in, out, out);
        try {
            session.execute(command);
        } catch (CommandException e) {
            out.println(e.getNiceHelp());
        } catch (Exception e) {
            out.println("EXCEPTION " + e);
        } finally {
            session.close();
        }
        return bytes.toString(StandardCharsets.UTF_8).replaceAll("\u001B\\[[;\\d]*m", "");
    }

    /** Adds every CDR written while the returned registration lives to {@code into} (a non-durable sink). */
    protected ServiceRegistration<CdrSink> collectCdrs(List<CallDetailRecord> into) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(CdrSink.DURABLE, false);
        return bundleContext.registerService(CdrSink.class, into::add, props);
    }

    /** Adds every DTMF digit the B2BUA reports to {@code into}, as "caller:5" or "callee:5". */
    protected ServiceRegistration<CallEvents> collectDigits(List<String> into) {
        return bundleContext.registerService(CallEvents.class, new CallEvents() {
            @Override
            public void dtmf(CallInfo call, boolean fromCaller, char digit, int durationMillis) {
                into.add((fromCaller ? "caller:" : "callee:") + digit);
            }
        }, null);
    }

    /**
     * Installs a feature unless it is installed, then waits until its list command answers with {@code marker}
     * (the console commands of a bundle come up after the feature is installed).
     */
    protected void ensureFeature(FeaturesService features, String feature, String listCommand, String marker)
            throws Exception {
        if (!features.isInstalled(features.getFeature(feature))) {
            features.installFeature(feature);
        }
        waitFor(listCommand, 30_000, () -> command(listCommand).contains(marker));
    }

    /**
     * Sets one property of a configuration and waits until it is in effect: Declarative Services republishes the
     * configured component's services with the configuration's properties (and its {@code service.pid}).
     */
    protected void configure(org.osgi.service.cm.ConfigurationAdmin admin, String pid, String key, String value) throws Exception {
        String filter = "(&(service.pid=" + pid + ")(" + key + "=" + value + "))";
        BooleanSupplier inEffect = () -> {
            try {
                return bundleContext.getServiceReferences((String) null, filter) != null;
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new IllegalArgumentException(filter, e);
            }
        };
        // Felix fileinstall writes each change back to etc/<pid>.cfg and may re-read an older copy of that file just
        // after our update, which undoes it: while the value is not in effect, apply it again (bounded, 30 s).
        long end = System.currentTimeMillis() + 30_000;
        do {
            org.osgi.service.cm.Configuration c = admin.getConfiguration(pid, null);
            java.util.Dictionary<String, Object> p = c.getProperties() == null ? new java.util.Hashtable<>() : c.getProperties();
            if (!value.equals(String.valueOf(p.get(key)))) {
                p.put(key, value);
                c.update(p);
            }
            long wait = System.currentTimeMillis() + 5_000;
            while (!inEffect.getAsBoolean() && System.currentTimeMillis() < Math.min(wait, end)) {
                Thread.sleep(20); // poll interval of this bounded wait for the effect
            }
        } while (!inEffect.getAsBoolean() && System.currentTimeMillis() < end);
        org.junit.Assert.assertTrue("Timed out waiting for " + pid + " " + key + "=" + value + " in effect", inEffect.getAsBoolean());
    }

    protected static void waitFor(String what, long millis, BooleanSupplier condition) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    /** The installed bundle of that symbolic name (to update or restart it as an integrator would). */
    protected Bundle bundleOf(String symbolicName) {
        for (Bundle b : bundleContext.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError(symbolicName + " is not installed");
    }

    // ---- IVR files (pbx-ivr) ------------------------------------------------------------------------------

    protected static java.nio.file.Path karafEtc() {
        return java.nio.file.Path.of(System.getProperty("karaf.etc"));
    }

    /** Writes etc/ivr/{@code name}.xml and waits until pbx:ivr-show of it shows {@code marker}. */
    protected java.nio.file.Path installIvr(String name, String xml, String marker) throws Exception {
        java.nio.file.Path file = karafEtc().resolve("ivr").resolve(name + ".xml");
        writeIvr(file, xml);
        waitFor("IVR " + name + " " + marker, 10_000, () -> command("pbx:ivr-show " + name).contains(marker));
        return file;
    }

    /** Written beside and moved in: the watcher never sees half a file. */
    protected static void writeIvr(java.nio.file.Path file, String xml) throws java.io.IOException {
        java.nio.file.Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        java.nio.file.Files.writeString(tmp, xml);
        java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** A counter pbx:ivr-list prints as "name: N". */
    protected long ivrCounter(String name) {
        String list = command("pbx:ivr-list");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(name + ": (\\d+)").matcher(list);
        org.junit.Assert.assertTrue(list, m.find());
        return Long.parseLong(m.group(1));
    }

    protected static Sipp sipp(String scenario) {
        return new Sipp(new File(System.getProperty("itest.resources"), "sipp/" + scenario), SIP_PORT);
    }

    // ---- parties ------------------------------------------------------------------------------------------

    /** The demo extensions' passwords (etc/ demo data): demo1001pw ... */
    protected static String password(String number) {
        return "demo" + number + "pw";
    }

    /** Registers a device of {@code number} at 127.0.0.1:{@code port} for two minutes, with the real SIPp. */
    protected static void register(String number, int port) throws Exception {
        register(number, port, 120);
    }

    /** The same for {@code seconds} (the registrar's max.expires caps it: 3600 by default). */
    protected static void register(String number, int port, int seconds) throws Exception {
        Sipp.Result r = sipp("register.xml").user(number, password(number)).from("127.0.0.1", port).expires(seconds).run();
        passed("registering " + number, r);
    }

    /** Unregisters; first stops a phone of a failed test still holding {@code port}, so its failure is the one shown. */
    protected static void unregister(String number, int port) throws Exception {
        Sipp.stopStillRunningOn(port);
        Sipp.Result r = sipp("register.xml").user(number, password(number)).from("127.0.0.1", port).expires(0).run();
        passed("unregistering " + number, r);
    }

    /** The CDR of the call a SIPp caller made (by the Call-ID in its messages), once the sink has it. */
    protected static CallDetailRecord cdrOf(List<CallDetailRecord> cdrs, Sipp.Result caller) throws InterruptedException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^Call-ID: *(\\S+)").matcher(caller.messages());
        org.junit.Assert.assertTrue("no Call-ID in the caller's messages", m.find());
        String callId = m.group(1);
        waitFor("the CDR of " + callId, 5000, () -> cdrs.stream().anyMatch(r -> r.callId().equals(callId)));
        return cdrs.stream().filter(r -> r.callId().equals(callId)).findFirst().orElseThrow();
    }

    protected static void passed(String who, Sipp.Result r) {
        org.junit.Assert.assertTrue(who + " failed (exit " + r.exitCode() + "):\n" + r.messages(), r.passed());
    }
}
