package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.osgi.framework.ServiceRegistration;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrSink;

/**
 * Busy lamp field against the real distribution: features pbx-subscriptions and pbx-blf installed live, a SIPp
 * watcher (a phone's BLF key) subscribing to 1002's dialog state with digest authentication, a SIPp call from 1001 to
 * 1002, and the NOTIFYs the watcher gets: their dialog-info bodies (RFC 4235) say early, then confirmed, then
 * terminated, in one subscription dialog whose versions count up by one. The subscription survives a
 * {@code bundle:update} of both bundles. SIP client ports 16600-16639.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BlfIT extends PbxTestSupport {
    private static final int WATCHER_PORT = 16600;
    private static final int UPDATE_WATCHER_PORT = 16601;
    private static final int BAD_EVENT_PORT = 16602;
    private static final int REMOVAL_WATCHER_PORT = 16603;
    /** Seconds subscriptions wait for their package: short, so the removal test is quick; a BLF update takes far less. */
    private static final String GRACE = "5";
    private static final int CALLER_PORT = 16610;
    private static final int PORT_1002 = 16611;
    private static final Pattern VERSION = Pattern.compile("<dialog-info[^>]* version=\"(\\d+)\"");
    private static final Pattern RECIPIENT = Pattern.compile(
            "<dialog id=\"[^\"]*\" call-id=\"([^\"]*)\" direction=\"recipient\">\\s*<state[^>]*>(\\w+)</state>(.*?)</dialog>", Pattern.DOTALL);


    /** Waits for the B2BUA. */
    @Inject
    @Filter(timeout = 60_000)
    protected CallControl calls;

    private final List<CallDetailRecord> cdrs = new CopyOnWriteArrayList<>();
    private ServiceRegistration<CdrSink> sink;

    @Override
    protected Option[] extraOptions() {
        return new Option[] {
            editConfigurationFilePut("etc/org.plugboard.registrar.cfg", "ban.allow", "127.0.0.1"),
            editConfigurationFilePut("etc/org.plugboard.subscriptions.cfg", "package.grace", GRACE),
        };
    }

    @Before
    public void installBlf() throws Exception {
        // live, as an integrator would: no other bundle is refreshed. The layer on its own first, so that removing
        // pbx-blf (a test below) leaves it installed.
        for (String feature : List.of("pbx-subscriptions", "pbx-blf")) {
            if (!features.isInstalled(features.getFeature(feature))) {
                features.installFeature(feature, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
            }
        }
        waitFor("pbx:sub-list with the dialog package", 30_000, () -> command("pbx:sub-list").contains("event packages: dialog"));
        sink = collectCdrs(cdrs);
    }

    @After
    public void removeSink() {
        if (sink != null) {
            sink.unregister();
        }
    }

    @Test
    public void aWatcherSeesACallToTheExtensionRingBeAnsweredAndEnd() throws Exception {
        register("1002", PORT_1002);
        Sipp.Result watcher;
        Sipp.Result callee;
        Sipp.Result caller;
        String watcherCallId;
        try {
            Sipp.Running w = watcher(WATCHER_PORT).start();
            watcherCallId = "1-" + w.pid() + "@127.0.0.1";
            awaitNotifyAnswered(w, 0);
            Sipp.Running c = sipp("blf/uas-ring-answer.xml").server().user("1002", password("1002")).from("127.0.0.1", PORT_1002)
                    .timeout(20).start();
            caller = sipp("calls/uac-call.xml").user("1001", password("1001")).service("1002").key("caller", "1001")
                    .key("hold_ms", "1000").from("127.0.0.1", CALLER_PORT).timeout(20).run();
            callee = c.await();
            watcher = w.await();
        } finally {
            unregister("1002", PORT_1002);
        }
        passed("caller", caller);
        passed("callee 1002", callee);
        passed("watcher (challenged, subscribed, NOTIFYs in one dialog, unsubscribed with a terminated NOTIFY)", watcher);

        List<String> notifies = notifies(watcher.messages());
        String first = notifies.get(0);
        assertTrue("initial NOTIFY: active, full state, idle:\n" + first, first.contains("Subscription-State: active")
                && first.contains("state=\"full\"") && first.contains("entity=\"sip:1002@127.0.0.1\"")
                && !first.matches("(?s).*>(trying|early|confirmed)<.*"));
        assertVersionsCountUp(notifies);

        // the call's dialog at 1002's device, in the order the watcher saw it
        String calleeCallId = callIdOf(callee.messages());
        List<String> states = new ArrayList<>();
        for (String n : notifies) {
            Matcher m = RECIPIENT.matcher(body(n));
            while (m.find()) {
                if (m.group(1).equals(calleeCallId) && (states.isEmpty() || !states.get(states.size() - 1).equals(m.group(2)))) {
                    states.add(m.group(2));
                    assertTrue("the device and the caller in the dialog:\n" + m.group(3),
                            m.group(3).contains("<target uri=\"sip:1002@127.0.0.1:" + PORT_1002 + "\"/>")
                                    && m.group(3).contains("<identity display-name=\"Alice\">sip:1001@127.0.0.1</identity>"));
                }
            }
        }
        states.remove("trying"); // may be folded into early: a NOTIFY waits for the answer to the previous one
        assertEquals("states of 1002's dialog with the caller in the watcher's NOTIFYs", List.of("early", "confirmed", "terminated"), states);
        String last = notifies.get(notifies.size() - 1);
        assertTrue("the unsubscribe's NOTIFY:\n" + last, last.contains("Subscription-State: terminated"));

        CallDetailRecord cdr = cdrOf(cdrs, caller);
        assertEquals(Disposition.ANSWERED, cdr.disposition());
        assertTrue("answered by " + cdr.answeredBy(), cdr.answeredBy().startsWith("1002@"));
        waitFor("the subscription gone after the unsubscribe", 5000, () -> !command("pbx:sub-list 1002").contains(watcherCallId));
    }

    @Test
    public void anUnknownEventPackageIs489WithTheKnownOnes() throws Exception {
        Sipp.Result r = sipp("blf/subscribe-bad-event.xml").user("1001", password("1001")).key("watched", "1002")
                .from("127.0.0.1", BAD_EVENT_PORT).run();
        passed("SUBSCRIBE with Event: foo (489, Allow-Events: dialog)", r);
    }

    @Test
    public void aSubscriptionSurvivesAnUpdateOfTheBlfAndOfTheSubscriptionsBundle() throws Exception {
        register("1002", PORT_1002);
        Sipp.Result watcher;
        Sipp.Result caller;
        Sipp.Result callee;
        try {
            Sipp.Running w = watcher(UPDATE_WATCHER_PORT).timeout(60).start();
            awaitNotifyAnswered(w, 0);
            bundle("org.plugboard.blf").update();
            awaitNotifyAnswered(w, 1); // the new package's state, in the same dialog
            bundle("org.plugboard.subscriptions").update();
            awaitNotifyAnswered(w, 2); // sent by the new version of the layer
            Sipp.Running c = sipp("blf/uas-ring-answer.xml").server().user("1002", password("1002")).from("127.0.0.1", PORT_1002)
                    .timeout(20).start();
            caller = sipp("calls/uac-call.xml").user("1001", password("1001")).service("1002").key("caller", "1001")
                    .key("hold_ms", "1000").from("127.0.0.1", CALLER_PORT).timeout(20).run();
            callee = c.await();
            watcher = w.await();
        } finally {
            unregister("1002", PORT_1002);
        }
        passed("caller", caller);
        passed("callee", callee);
        passed("watcher (every NOTIFY in the dialog its SUBSCRIBE made, across both updates)", watcher);
        List<String> notifies = notifies(watcher.messages());
        assertVersionsCountUp(notifies);
        Matcher cseq = Pattern.compile("(?m)^CSeq: *(\\d+) NOTIFY").matcher(String.join("\n", notifies));
        int expected = 1;
        while (cseq.find()) {
            assertEquals("NOTIFY CSeqs go on across the updates", expected++, Integer.parseInt(cseq.group(1)));
        }
        assertTrue("NOTIFYs after the updates: " + notifies.size(), notifies.size() >= 6);
    }

    @Test
    public void removingTheBlfFeatureEndsItsSubscriptionsAfterTheGrace() throws Exception {
        Sipp.Running w = sipp("blf/watcher-until-ended.xml").user("1001", password("1001")).key("watched", "1002").expires(600)
                .from("127.0.0.1", REMOVAL_WATCHER_PORT).timeout(30).start();
        awaitNotifyAnswered(w, 0);
        features.uninstallFeature("pbx-blf", EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        long removed = System.currentTimeMillis();
        Sipp.Result watcher = w.await();
        long waited = System.currentTimeMillis() - removed;
        passed("watcher (NOTIFY terminated;reason=noresource in its dialog)", watcher);
        assertTrue("ended after the grace of " + GRACE + " s, not before: " + waited + " ms",
                waited >= Long.parseLong(GRACE) * 1000 - 500);
        // with no package left, dialog is unknown too (the scenario's check for dialog in Allow-Events fails: only the 489 counts)
        Sipp.Result bad = sipp("blf/subscribe-bad-event.xml").user("1001", password("1001")).key("watched", "1002")
                .from("127.0.0.1", BAD_EVENT_PORT).run();
        assertTrue("no event package is left to list:\n" + bad.messages(), bad.messages().contains("489 Bad Event"));
        String list = command("pbx:sub-list");
        assertTrue(list, list.contains("0 subscription(s)"));
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static Sipp watcher(int port) {
        return sipp("blf/watcher.xml").user("1001", password("1001")).key("watched", "1002").expires(600).from("127.0.0.1", port)
                .timeout(30);
    }

    /** Waits until pbx:sub-list shows that the watcher answered NOTIFY version {@code version} of its subscription. */
    private void awaitNotifyAnswered(Sipp.Running watcher, int version) throws InterruptedException {
        String callId = "1-" + watcher.pid() + "@127.0.0.1";
        waitFor("NOTIFY v" + version + " answered by " + callId, 20_000,
                () -> command("pbx:sub-list 1002").lines().anyMatch(l -> l.contains(callId) && l.contains("v" + version + " 200 OK")));
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : bundleContext.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError(symbolicName + " is not installed");
    }

    /** The NOTIFYs a SIPp party received, in order, each as its whole text. */
    private static List<String> notifies(String messages) {
        List<String> out = new ArrayList<>();
        for (String part : messages.split("message received \\[\\d+\\] bytes :")) {
            String m = part.stripLeading();
            if (m.startsWith("NOTIFY ")) {
                int end = m.indexOf("\n----");
                out.add(end < 0 ? m : m.substring(0, end));
            }
        }
        assertTrue("no NOTIFY received:\n" + messages, !out.isEmpty());
        return out;
    }

    private static String body(String message) {
        int i = message.indexOf("\r\n\r\n");
        int j = message.indexOf("\n\n");
        return i >= 0 ? message.substring(i + 4) : j >= 0 ? message.substring(j + 2) : "";
    }

    /** Every NOTIFY with a body is full state with the next version (RFC 4235 4.1.2), from 0. */
    private static void assertVersionsCountUp(List<String> notifies) {
        long expected = 0;
        for (String n : notifies) {
            Matcher m = VERSION.matcher(n);
            if (m.find()) {
                assertEquals("version of NOTIFY\n" + n, expected++, Long.parseLong(m.group(1)));
                assertTrue(n.contains("state=\"full\""));
            }
        }
    }

    private static String callIdOf(String messages) {
        Matcher m = Pattern.compile("(?m)^Call-ID: *(\\S+)").matcher(messages);
        assertTrue("no Call-ID in:\n" + messages, m.find());
        return m.group(1);
    }
}
