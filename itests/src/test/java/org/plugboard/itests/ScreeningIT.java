package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrSink;
import org.plugboard.api.service.CallService;

/**
 * The screening feature (bundles/org.plugboard.screening) installed into the running distribution, its lists set
 * with the pbx:screen-* commands, and calls from real SIPp parties: anonymous calls (From anonymous from a trunk,
 * Privacy: id from a phone) refused by the system black list, a personal black entry of the callee, a white entry
 * over a black one, the per-extension anonymous switch, and the feature removed, installed again and updated under a
 * running PBX. Each refusal is checked on the caller's side (603 Decline, Reason Q.850 cause 21 with the list and
 * entry) and in the CDR (tag SCREENED, status, cause, reason). SIP ports 16560-16579: phones from 16560, 1002's
 * device on 16575, the trunk peer (calls From anonymous) on 16579; phones calling From anonymous without Privacy,
 * and their callee, from 15800.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ScreeningIT extends PbxTestSupport {
    private static final AtomicInteger PHONE_PORTS = new AtomicInteger(16560);
    private static final int PORT_1002 = 16575;
    private static final int TRUNK_PEER_PORT = 16579;
    private static final AtomicInteger ANONYMOUS_PORTS = new AtomicInteger(15800);
    private static final String FEATURE = "pbx-screening";
    private static final Pattern ADDED = Pattern.compile("Added entry #(\\d+) ");

    @Inject
    @Filter(timeout = 60_000)
    CallControl injected;


    @Inject
    ConfigurationAdmin configAdmin;

    private final List<CallDetailRecord> cdrs = new CopyOnWriteArrayList<>();
    private final List<String> added = new ArrayList<>();
    private ServiceRegistration<CdrSink> sink;
    private Configuration trunk;

    @Override
    protected Option[] extraOptions() {
        return new Option[] {
            editConfigurationFilePut("etc/org.plugboard.registrar.cfg", "ban.allow", "127.0.0.1"),
            editConfigurationFilePut("etc/org.plugboard.media.cfg", "port.min", "37000"),
            editConfigurationFilePut("etc/org.plugboard.media.cfg", "port.max", "37999"),
        };
    }

    @Before
    public void screeningInstalled() throws Exception {
        ensureFeature(features, FEATURE, "pbx:screen-list", "Anonymous calls refused by");
        waitFor("the screening CallService", 30_000, this::screeningServiceUp);
        sink = collectCdrs(cdrs);
    }

    @After
    public void clearListsAndCheckNoCallIsLeft() throws Exception {
        sink.unregister();
        for (String id : added) {
            command("pbx:screen-remove " + id);
        }
        added.clear();
        command("pbx:screen-anonymous 1002 off");
        if (trunk != null) {
            trunk.delete();
            trunk = null;
        }
        assertTrue(command("pbx:screen-list"), command("pbx:screen-list").contains("0 entries"));
        waitFor("the live-call list to be empty", 5000, () -> calls().calls().isEmpty());
    }

    @Test
    public void anonymousCallsAreDeclinedByTheSystemBlackListWithTheListAndEntryInReasonAndCdr() throws Exception {
        String id = add("system black anonymous");
        String entry = "Screened by the system black list, entry #" + id + " (caller anonymous, called *)";

        // From anonymous, from a carrier on a trunk (no authentication: the From user is the caller)
        trunk = trunk("anon", "127.0.0.1:" + TRUNK_PEER_PORT, "5551002=1002");
        String uri = "sip:5551002@127.0.0.1:" + SIP_PORT;
        Sipp.Result fromAnonymous = sipp("lines/carrier-call-in-refused.xml").from("127.0.0.1", TRUNK_PEER_PORT).expect(603)
                .key("ruri", uri).key("to", "<" + uri + ">").key("caller", "anonymous").timeout(10).run();
        passed("From anonymous over the trunk (declined)", fromAnonymous);
        assertScreened(fromAnonymous, entry);

        // Privacy: id from a phone that authenticates as 1003
        Sipp.Result privacy = privateCall("1003", "1002", 603);
        passed("1003 with Privacy: id (declined)", privacy);
        CallDetailRecord cdr = assertScreened(privacy, entry);
        assertEquals("1003", cdr.caller());
        assertEquals("1002", cdr.callee());
    }

    /**
     * Issue 13: a phone that hides its number with From anonymous and no Privacy header (what many phones' anonymous
     * key sends) is anonymous to the lists and to its callee, while it still authenticates as 1003. Ports 15800-15899.
     */
    @Test
    public void anAnonymousFromWithoutPrivacyIsAnonymousToTheListsAndToTheCallee() throws Exception {
        assertTrue(command("pbx:screen-anonymous 1002 on").contains("Extension 1002 refuses anonymous calls"));
        Sipp.Result toTheSwitch = anonymousCall("1003", "1002", 603);
        passed("1003 with From anonymous, no Privacy -> 1002 refusing anonymous calls (declined)", toTheSwitch);
        assertEquals("1003", assertScreened(toTheSwitch, "Screened: 1002 refuses anonymous calls").caller());
        command("pbx:screen-anonymous 1002 off");

        String id = add("system black anonymous 1004");
        Sipp.Result toTheList = anonymousCall("1003", "1004", 603);
        passed("1003 with From anonymous, no Privacy -> 1004 (declined by the system list)", toTheList);
        assertScreened(toTheList, "Screened by the system black list, entry #" + id + " (caller anonymous, called 1004)");

        // not screened: the callee gets the call without the caller's number
        int port = ANONYMOUS_PORTS.getAndIncrement();
        register("1002", port);
        try {
            Sipp.Running callee = sipp("calls/uas-reject.xml").server().user("1002", password("1002")).from("127.0.0.1", port)
                    .expect(486).timeout(20).start();
            Sipp.Result through = anonymousCall("1003", "1002", 486);
            Sipp.Result at1002 = callee.await();
            passed("1003 with From anonymous -> 1002 (busy)", through);
            passed("1002 (gets an anonymous INVITE, answers 486)", at1002);
            String invite = at1002.messages().substring(at1002.messages().indexOf("INVITE sip:"));
            assertTrue(invite, Pattern.compile("(?m)^From: *\"Anonymous\" <sip:anonymous@anonymous\\.invalid>").matcher(invite).find());
            assertFalse(invite, invite.contains("sip:1003@"));
        } finally {
            unregister("1002", port);
        }
    }

    @Test
    public void aPersonalBlackEntryOfTheCalleeRefusesOneCallerButNotAnother() throws Exception {
        String id = add("1002 black 1003");
        register("1002", PORT_1002);
        try {
            Sipp.Running callee = sipp("calls/uas-answer.xml").server().user("1002", password("1002"))
                    .from("127.0.0.1", PORT_1002).timeout(25).start();
            Sipp.Result from1003 = call("1003", "1002", 603);
            passed("1003 -> 1002 (declined)", from1003);
            assertScreened(from1003, "Screened by 1002's black list, entry #" + id + " (caller 1003, called *)");

            Sipp.Result from1001 = sipp("calls/uac-call.xml").user("1001", password("1001")).service("1002").key("caller", "1001")
                    .key("hold_ms", "300").from("127.0.0.1", PHONE_PORTS.getAndIncrement()).timeout(20).run();
            passed("1001 -> 1002 (answered)", from1001);
            Sipp.Result at1002 = callee.await();
            passed("1002", at1002);
            Matcher invites = Pattern.compile("(?m)^INVITE sip:").matcher(at1002.messages());
            int n = 0;
            while (invites.find()) {
                n++;
            }
            assertEquals("1002 got one INVITE, 1001's, never 1003's:\n" + at1002.messages(), 1, n);
            CallDetailRecord answered = cdrOf(cdrs, from1001);
            assertEquals(Disposition.ANSWERED, answered.disposition());
            assertEquals("1001", answered.caller());
        } finally {
            unregister("1002", PORT_1002);
        }
    }

    @Test
    public void aWhiteEntryOverridesABlackOne() throws Exception {
        String black = add("1002 black *");
        add("1002 white 1001");
        // 1002 has no device: a call that passed screening gets 480 Not registered
        Sipp.Result from1001 = call("1001", "1002", 480);
        passed("1001 -> 1002 (white: passes the list, then 480)", from1001);
        assertEquals(CallTag.CALLEE_UNREACHABLE, cdrOf(cdrs, from1001).tag());
        Sipp.Result from1003 = call("1003", "1002", 603);
        passed("1003 -> 1002 (black)", from1003);
        assertScreened(from1003, "Screened by 1002's black list, entry #" + black + " (caller *, called *)");
        String test = command("pbx:screen-test 1001 1002");
        assertTrue(test, test.contains("1002's list: white entry #") && test.contains("passes (white wins over black)"));
    }

    @Test
    public void anExtensionThatRefusesAnonymousCallsDeclinesThemAndOnlyThem() throws Exception {
        String out = command("pbx:screen-anonymous 1002 on");
        assertTrue(out, out.contains("Extension 1002 refuses anonymous calls"));
        Sipp.Result hidden = privateCall("1003", "1002", 603);
        passed("1003 with Privacy: id -> 1002 (declined)", hidden);
        assertScreened(hidden, "Screened: 1002 refuses anonymous calls");
        Sipp.Result open = call("1003", "1002", 480);
        passed("1003 with its number -> 1002 (passes, 480)", open);
        Sipp.Result elsewhere = privateCall("1003", "1004", 480);
        passed("1003 with Privacy: id -> 1004 (passes, 480)", elsewhere);
        assertTrue(command("pbx:screen-list 1002"), command("pbx:screen-list 1002").contains("Anonymous calls refused by: 1002"));
    }

    @Test
    public void theFeatureIsRemovedInstalledAndUpdatedUnderARunningPbxKeepingItsLists() throws Exception {
        String id = add("1002 black 1003");
        features.uninstallFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        waitFor("the screening service to leave", 30_000, () -> !screeningServiceUp());
        passed("1003 -> 1002 without screening (480)", call("1003", "1002", 480));
        features.installFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        waitFor("the screening service back", 30_000, this::screeningServiceUp);
        waitFor("the entry back in pbx:screen-list", 30_000, () -> command("pbx:screen-list 1002").contains("1003"));
        Sipp.Result again = call("1003", "1002", 603);
        passed("1003 -> 1002 with screening again (declined)", again);
        assertScreened(again, "Screened by 1002's black list, entry #" + id + " (caller 1003, called *)");

        // an update of the bundle: it keeps no call state, the lists come back from the database
        org.osgi.framework.Bundle bundle = java.util.Arrays.stream(bundleContext.getBundles())
                .filter(b -> "org.plugboard.screening".equals(b.getSymbolicName())).findFirst().orElseThrow();
        bundle.update(); // the same jar: every class is loaded again
        waitFor("the screening service after the update", 30_000, this::screeningServiceUp);
        waitFor("the commands after the update", 30_000, () -> command("pbx:screen-list 1002").contains("1003"));
        Sipp.Result updated = call("1003", "1002", 603);
        passed("1003 -> 1002 after bundle:update (declined)", updated);
        assertScreened(updated, "Screened by 1002's black list, entry #" + id + " (caller 1003, called *)");
    }

    @Test
    public void aCallTheCalleesListRefusesIsNotForwarded() throws Exception {
        ensureFeature(features, "pbx-forwarding", "pbx:fwd-list", "with forwarding settings");
        String out = command("pbx:fwd-set 1002 cfu 1004");
        assertFalse(out, out.contains("Error") || out.contains("EXCEPTION"));
        waitFor("1002's forwarding to 1004", 5000, () -> command("pbx:fwd-list 1002").contains("1004"));
        try {
            String id = add("1002 black 1003");
            // screening ranks above forwarding at ROUTED: 603, no 181, no hop to 1004
            Sipp.Result refused = call("1003", "1002", 603);
            passed("1003 -> 1002 forwarded unconditionally (declined first)", refused);
            assertFalse(refused.messages(), refused.messages().contains("SIP/2.0 181"));
            CallDetailRecord cdr = assertScreened(refused, "Screened by 1002's black list, entry #" + id + " (caller 1003, called *)");
            assertFalse("forwarded to " + cdr.finalCallee(), cdr.forwarded());
            // another caller is forwarded to 1004 (no device there: 480 after the 181)
            Sipp.Result forwarded = sipp("forwarding/uac-forwarded-final.xml").user("1001", password("1001")).service("1002")
                    .key("caller", "1001").expect(480).from("127.0.0.1", PHONE_PORTS.getAndIncrement()).timeout(10).run();
            passed("1001 -> 1002 -> 1004 (181 forwarded, then 480)", forwarded);
            assertTrue(cdrOf(cdrs, forwarded).forwarded());
        } finally {
            command("pbx:fwd-clear 1002");
        }
    }

    @Test
    public void badInputIsRefusedNamingTheFaultAndTheFix() {
        assertTrue(command("pbx:screen-add system black 0049 * --rate 150"), command("pbx:screen-add system black 0049 * --rate 150")
                .contains("Error: rate 150 is not a percentage: use 0 to 100"));
        assertTrue(command("pbx:screen-add system black \"\""), command("pbx:screen-add system black \"\"")
                .contains("Error: the caller prefix is empty: give digits"));
        assertTrue(command("pbx:screen-add 1002 black 1x3"), command("pbx:screen-add 1002 black 1x3")
                .contains("Error: caller prefix '1x3' is not a number prefix: use digits with an optional leading +"));
        assertTrue(command("pbx:screen-add 9999 black 1003"), command("pbx:screen-add 9999 black 1003")
                .contains("Error: 9999 is no extension (pbx:ext-list shows them)"));
        assertTrue(command("pbx:screen-anonymous 1002 maybe"), command("pbx:screen-anonymous 1002 maybe")
                .contains("Error: 'maybe' is neither on nor off"));
        assertTrue(command("pbx:screen-remove 999999"), command("pbx:screen-remove 999999")
                .contains("Error: there is no entry #999999: pbx:screen-list shows the ids"));
        String rated = add("system black 0049 * --rate 40");
        String test = command("pbx:screen-test 004930123 1002");
        assertTrue(test, test.contains("black entry #" + rated + " (caller 0049, called *, rate 40%): refuses 40% of such calls"));
        assertTrue(test, test.contains("is refused in 40% of calls with 603 Decline, Q.850 cause 21"));
        assertFalse(test, test.contains("Error"));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** The caller got 603 Decline with Reason Q.850 cause 21 and this text; its CDR says SCREENED, 603, 21, text. */
    private CallDetailRecord assertScreened(Sipp.Result caller, String text) throws Exception {
        String m = caller.messages();
        assertTrue(m, Pattern.compile("(?m)^SIP/2.0 603 Decline").matcher(m).find());
        assertTrue("Reason with cause 21 and '" + text + "':\n" + m,
                Pattern.compile("(?mi)^Reason: *Q\\.850 *; *cause=21 *; *text=\"" + Pattern.quote(text) + "\"").matcher(m).find());
        CallDetailRecord cdr = cdrOf(cdrs, caller);
        assertEquals(CallTag.SCREENED, cdr.tag());
        assertEquals(603, cdr.sipStatus());
        assertEquals(21, cdr.q850Cause());
        assertEquals(text, cdr.reason());
        assertEquals(Disposition.FAILED, cdr.disposition());
        return cdr;
    }

    /** pbx:screen-add with these arguments; returns the new entry's id (removed after the test). */
    private String add(String args) {
        String out = command("pbx:screen-add " + args);
        Matcher m = ADDED.matcher(out);
        assertTrue("pbx:screen-add " + args + ": " + out, m.find());
        added.add(m.group(1));
        return m.group(1);
    }

    /** A call from a phone that must end with {@code status}. */
    private Sipp.Result call(String caller, String called, int status) throws Exception {
        return sipp("calls/uac-expect-final.xml").user(caller, password(caller)).service(called).key("caller", caller)
                .expect(status).from("127.0.0.1", PHONE_PORTS.getAndIncrement()).timeout(10).run();
    }

    /** From anonymous and no Privacy header (the phone still authenticates as {@code caller}); ports 15800-15899. */
    private Sipp.Result anonymousCall(String caller, String called, int status) throws Exception {
        return sipp("screening/uac-anonymous-expect-final.xml").user(caller, password(caller)).service(called).expect(status)
                .from("127.0.0.1", ANONYMOUS_PORTS.getAndIncrement()).timeout(10).run();
    }

    /** The same with From anonymous and Privacy: id (the phone still authenticates as {@code caller}). */
    private Sipp.Result privateCall(String caller, String called, int status) throws Exception {
        return sipp("screening/uac-private-expect-final.xml").user(caller, password(caller)).service(called).expect(status)
                .from("127.0.0.1", PHONE_PORTS.getAndIncrement()).timeout(10).run();
    }

    private Configuration trunk(String name, String peers, String did) throws Exception {
        ensureFeature(features, "pbx-trunks", "pbx:trunk-list", "trunk(s)");
        Configuration c = configAdmin.getFactoryConfiguration("org.plugboard.trunks", name, "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("name", name);
        p.put("peers", peers);
        p.put("did", did);
        c.update(p);
        waitFor("trunk " + name, 15_000, () -> Pattern.compile("(?m)^" + name + " ").matcher(command("pbx:trunk-list")).find());
        return c;
    }

    private boolean screeningServiceUp() {
        try {
            return bundleContext.getServiceReferences(CallService.class, "(" + CallService.NAME + "=screening)").size() == 1;
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private CallControl calls() {
        org.osgi.framework.ServiceReference<CallControl> ref = bundleContext.getServiceReference(CallControl.class);
        assertNotNull("no CallControl service", ref);
        return bundleContext.getService(ref);
    }
}
