package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.time.Duration;
import java.util.EnumSet;
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
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrSink;
import org.plugboard.api.routing.Router;
import org.plugboard.api.service.CallService;

/**
 * Ring groups (feature pbx-groups, installed into the running distribution) with real SIPp members registered to
 * the PBX: a simultaneous group rings every member and the first 200 wins; a sequential group moves on from a busy
 * member; a round-robin group starts consecutive calls at different members; a group nobody answers (or where
 * everybody is busy) sends the call to its no-answer destination with a 181 to the caller. Each asserts on what the
 * SIPp parties received and on the CDR (callee = the group number, final callee, answered by). Then the console's
 * refusals, and the feature updated, removed and installed again under a running PBX, its groups kept.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GroupsIT extends PbxTestSupport {
    // The brief's range for this class, 16640-16679: below the kernel's ephemeral range.
    private static final int CALLER_PORT = 16640;
    private static final int PORT_1002 = 16641;
    private static final int PORT_1003 = 16642;
    private static final int PORT_1004 = 16643;
    private static final String FEATURE = "pbx-groups";


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
        };
    }

    @Before
    public void installTheFeature() throws Exception {
        ensureFeature(features, FEATURE, "pbx:group-list", "group(s)");
        waitFor("the groups router and call service", 30_000, () -> groupsRouter() != null && groupsService() != null);
        sink = collectCdrs(cdrs);
    }

    @After
    public void noCallLeftBehind() throws Exception {
        if (sink != null) {
            sink.unregister();
        }
        try {
            waitFor("the live-call list to be empty", 5000, () -> calls().calls().isEmpty());
        } catch (AssertionError e) {
            String left = calls().calls().toString();
            calls().calls().forEach(c -> calls().hangup(c.id(), CallTag.ADMIN_HANGUP));
            throw new AssertionError("calls left behind: " + left, e);
        }
    }

    @Test
    public void simultaneousGroupRingsEveryMemberAndTheFirstAnswerWins() throws Exception {
        group("700 Sales simultaneous --ring 20", "700 1002 1003");
        Sipp.Result caller;
        Sipp.Result answerer;
        Sipp.Result ringer;
        try {
            Sipp.Running a = member("1002", PORT_1002, "calls/uas-answer.xml", 0);
            Sipp.Running b = member("1003", PORT_1003, "calls/uas-ring-no-answer.xml", 0);
            caller = call("700").run();
            answerer = a.await();
            ringer = b.await();
        } finally {
            cleanUp("700", "1002", PORT_1002, "1003", PORT_1003);
        }
        passed("caller", caller);
        passed("1002 (answers)", answerer);
        passed("1003 (rings, then must get CANCEL)", ringer);
        assertTrue(ringer.messages(), ringer.messages().contains("CANCEL sip:"));
        CallDetailRecord cdr = cdrOf(cdrs, caller);
        assertEquals(Disposition.ANSWERED, cdr.disposition());
        assertEquals("700", cdr.callee());
        assertEquals("700", cdr.finalCallee());
        assertAnsweredBy(cdr, "1002", PORT_1002);
    }

    @Test
    public void sequentialGroupMovesOnFromABusyMember() throws Exception {
        group("701 Support sequential --member-ring 5", "701 1002 1003");
        Sipp.Result caller;
        Sipp.Result busy;
        Sipp.Result answerer;
        try {
            Sipp.Running a = member("1002", PORT_1002, "calls/uas-reject.xml", 486);
            Sipp.Running b = member("1003", PORT_1003, "calls/uas-answer.xml", 0);
            caller = call("701").run();
            busy = a.await();
            answerer = b.await();
        } finally {
            cleanUp("701", "1002", PORT_1002, "1003", PORT_1003);
        }
        passed("caller", caller);
        passed("1002 (first: answers 486, gets the ACK)", busy);
        passed("1003 (second: gets the INVITE after 1002's 486 and answers)", answerer);
        assertTrue("1002 was rung first", timeOfInvite(busy).compareTo(timeOfInvite(answerer)) < 0);
        CallDetailRecord cdr = cdrOf(cdrs, caller);
        assertEquals(Disposition.ANSWERED, cdr.disposition());
        assertEquals("701", cdr.callee());
        assertEquals("701", cdr.finalCallee());
        assertAnsweredBy(cdr, "1003", PORT_1003);
    }

    @Test
    public void roundRobinStartsConsecutiveCallsAtDifferentMembers() throws Exception {
        group("702 Desk round-robin --member-ring 5", "702 1002 1003");
        assertTrue(command("pbx:group-show 702"), command("pbx:group-show 702").contains("rings 1002, 1003"));
        Sipp.Result first;
        Sipp.Result second;
        Sipp.Result at1002;
        Sipp.Result at1003;
        String between;
        try {
            // each member answers one call and then ends: the second call must start at the other one
            Sipp.Running a = member("1002", PORT_1002, "calls/uas-answer.xml", 0);
            Sipp.Running b = member("1003", PORT_1003, "calls/uas-answer.xml", 0);
            first = call("702").run();
            between = command("pbx:group-show 702");
            second = call("702").run();
            at1002 = a.await();
            at1003 = b.await();
        } finally {
            cleanUp("702", "1002", PORT_1002, "1003", PORT_1003);
        }
        passed("first caller", first);
        passed("second caller", second);
        passed("1002", at1002);
        passed("1003", at1003);
        assertTrue(between, between.contains("rings 1003, 1002 (least recently offered first)"));
        CallDetailRecord one = cdrOf(cdrs, first);
        CallDetailRecord two = cdrOf(cdrs, second);
        assertAnsweredBy(one, "1002", PORT_1002);
        assertAnsweredBy(two, "1003", PORT_1003);
        assertEquals("702", two.callee());
        // had the second call started at 1002 again, its SIPp gone, 1003 would have answered only after 5 s
        Duration ringing = Duration.between(two.start(), two.answer());
        assertTrue("the second call rang " + ringing + " before 1003 answered", ringing.toMillis() < 4000);
    }

    @Test
    public void nobodyAnswersTheNoAnswerDestinationRings() throws Exception {
        group("703 Sales simultaneous --ring 3 --no-answer 1004", "703 1002 1003");
        Sipp.Result caller;
        Sipp.Result at1002;
        Sipp.Result at1003;
        Sipp.Result at1004;
        try {
            Sipp.Running a = member("1002", PORT_1002, "calls/uas-ring-no-answer.xml", 0);
            Sipp.Running b = member("1003", PORT_1003, "calls/uas-ring-no-answer.xml", 0);
            Sipp.Running d = member("1004", PORT_1004, "calls/uas-answer.xml", 0);
            caller = call("703").run();
            at1002 = a.await();
            at1003 = b.await();
            at1004 = d.await();
        } finally {
            cleanUp("703", "1002", PORT_1002, "1003", PORT_1003);
            unregister("1004", PORT_1004);
        }
        passed("caller", caller);
        passed("1002 (rings, CANCEL after the group's 3 s)", at1002);
        passed("1003 (rings, CANCEL after the group's 3 s)", at1003);
        passed("1004, the no-answer destination", at1004);
        assertForwarded(caller, "703", "1004");
        assertTrue(at1004.messages(), at1004.messages().matches("(?s).*Diversion: *<sip:703@[^>]*>;reason=no-answer.*"));
        CallDetailRecord cdr = cdrOf(cdrs, caller);
        assertEquals(Disposition.ANSWERED, cdr.disposition());
        assertEquals("703", cdr.callee());
        assertEquals("1004", cdr.finalCallee());
        assertAnsweredBy(cdr, "1004", PORT_1004);
        Duration ringing = Duration.between(cdr.start(), cdr.answer());
        assertTrue("the group rang " + ringing + " (its ring time is 3 s)", ringing.toMillis() >= 2500 && ringing.toMillis() < 10_000);
    }

    @Test
    public void aHuntWhoseMembersDoNotAnswerOrAreBusyEndsAtTheDestination() throws Exception {
        group("704 Support sequential --member-ring 3 --no-answer 1004", "704 1002 1003");
        Sipp.Result caller;
        Sipp.Result at1002;
        Sipp.Result at1003;
        Sipp.Result at1004;
        try {
            Sipp.Running a = member("1002", PORT_1002, "calls/uas-ring-no-answer.xml", 0);
            Sipp.Running b = member("1003", PORT_1003, "calls/uas-reject.xml", 486);
            Sipp.Running d = member("1004", PORT_1004, "calls/uas-answer.xml", 0);
            caller = call("704").run();
            at1002 = a.await();
            at1003 = b.await();
            at1004 = d.await();
        } finally {
            cleanUp("704", "1002", PORT_1002, "1003", PORT_1003);
            unregister("1004", PORT_1004);
        }
        passed("caller", caller);
        passed("1002 (does not answer: CANCEL after the member ring time)", at1002);
        passed("1003 (busy)", at1003);
        passed("1004, the destination", at1004);
        assertForwarded(caller, "704", "1004");
        // the last member was busy: the group's BUSY service redirects with reason user-busy
        assertTrue(at1004.messages(), at1004.messages().matches("(?s).*Diversion: *<sip:704@[^>]*>;reason=user-busy.*"));
        CallDetailRecord cdr = cdrOf(cdrs, caller);
        assertEquals("704", cdr.callee());
        assertEquals("1004", cdr.finalCallee());
        assertAnsweredBy(cdr, "1004", PORT_1004);
    }

    /**
     * Issue 13: a member's own checks (pbx-dnd) run as the hunt reaches it: 1002 in DND is skipped (registered, never
     * rung: 1003 answers at once, not after 1002's member ring time); with 1003 in DND too, the group gets busy
     * treatment and its no-answer destination takes the call with reason user-busy. Ports 15860-15864.
     */
    @Test
    public void membersInDoNotDisturbAreSkippedAndAGroupAllInDndGoesToItsDestination() throws Exception {
        ensureFeature(features, "pbx-dnd", "pbx:dnd-list", "extension(s) with settings");
        int p1002 = 15861;
        int p1003 = 15862;
        int p1004 = 15863;
        group("706 Support sequential --member-ring 5 --no-answer 1004", "706 1002 1003");
        Sipp.Result caller;
        Sipp.Result at1003;
        Sipp.Result allInDnd;
        Sipp.Result at1004;
        register("1002", p1002); // a device nobody plays: ringing it would cost the caller the member ring time
        try {
            assertContains(command("pbx:dnd 1002 on"), "DND on for 1002");
            Sipp.Running c = member("1003", p1003, "calls/uas-answer.xml", 0);
            caller = call("706").from("127.0.0.1", 15860).run();
            at1003 = c.await();
            assertContains(command("pbx:dnd 1003 on"), "DND on for 1003");
            Sipp.Running d = member("1004", p1004, "calls/uas-answer.xml", 0);
            allInDnd = call("706").from("127.0.0.1", 15864).run();
            at1004 = d.await();
        } finally {
            command("pbx:dnd 1002 off");
            command("pbx:dnd 1003 off");
            cleanUp("706", "1002", p1002, "1003", p1003);
            unregister("1004", p1004);
        }
        passed("caller (1002 in DND)", caller);
        passed("1003 (answers)", at1003);
        CallDetailRecord first = cdrOf(cdrs, caller);
        assertAnsweredBy(first, "1003", p1003);
        Duration ringing = Duration.between(first.start(), first.answer());
        assertTrue("1003 answered " + ringing + " after the call began: 1002 (DND) must not ring for 5 s", ringing.toMillis() < 4000);

        passed("caller (1002 and 1003 in DND)", allInDnd);
        passed("1004, the destination", at1004);
        assertForwarded(allInDnd, "706", "1004");
        assertTrue(at1004.messages(), at1004.messages().matches("(?s).*Diversion: *<sip:706@[^>]*>;reason=user-busy.*"));
        CallDetailRecord second = cdrOf(cdrs, allInDnd);
        assertEquals("706", second.callee());
        assertEquals("1004", second.finalCallee());
        assertAnsweredBy(second, "1004", p1004);
    }

    @Test
    public void consoleRefusesBadInputAndTheFeatureIsUpdatedRemovedAndInstalledLive() throws Exception {
        assertContains(command("pbx:group-add 1002 Sales simultaneous"), "Error: 1002 is an extension");
        assertContains(command("pbx:group-add 705 Desk sequential --member-ring 4"), "Added group 705 'Desk': sequential, 4 s per member");
        assertContains(command("pbx:group-members 705 1002 1099 1098"), "Error: not extensions: 1099, 1098.");
        assertContains(command("pbx:group-add 705 Desk juggling"), "Error: 'juggling' is not a ring strategy");
        assertContains(command("pbx:group-members 705 1003 1002"), "Group 705 members: 1003, 1002");
        assertContains(command("pbx:pickup-group sales 1001 1002"), "Pickup group sales: 1001, 1002");
        assertContains(command("pbx:pickup-group sales 1001 1077"), "Error: 1077 is not an extension.");
        try {
            // an update reloads the groups from the database
            bundle("org.plugboard.groups").update();
            waitFor("group 705 after the update", 30_000, () -> command("pbx:group-show 705").contains("rings 1003, 1002"));
            // removed: its number is no group any more (the extension router answers 404)
            features.uninstallFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
            waitFor("the groups router to leave", 30_000, () -> groupsRouter() == null && groupsService() == null);
            Sipp.Result refused = sipp("calls/uac-expect-final.xml").user("1001", password("1001")).service("705")
                    .key("caller", "1001").expect(404).from("127.0.0.1", CALLER_PORT).timeout(10).run();
            passed("a call to 705 without the feature (404)", refused);
            // installed again: the groups and pickup groups are still there
            features.installFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
            waitFor("the groups router", 30_000, () -> groupsRouter() != null);
            waitFor("group 705 after reinstalling", 30_000, () -> command("pbx:group-list").contains("705"));
            assertContains(command("pbx:pickup-group"), "1001,1002");
        } finally {
            command("pbx:group-remove 705");
            command("pbx:pickup-group --remove sales");
        }
        assertContains(command("pbx:group-list"), "0 group(s)");
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** Adds a group and sets its members with the console, as an admin would. */
    private void group(String addArgs, String membersArgs) {
        assertContains(command("pbx:group-add " + addArgs), "Added group");
        assertContains(command("pbx:group-members " + membersArgs), "members: ");
    }

    /** Registers a device of {@code number} and starts its callee scenario (status: the @FINAL@ of uas-reject). */
    private Sipp.Running member(String number, int port, String scenario, int status) throws Exception {
        register(number, port);
        Sipp s = sipp(scenario).server().user(number, password(number)).from("127.0.0.1", port).timeout(25);
        if (status > 0) {
            s.expect(status);
        }
        return s.start();
    }

    private Sipp call(String number) {
        return sipp("groups/uac-call-group.xml").user("1001", password("1001")).service(number).key("caller", "1001")
                .key("hold_ms", "300").from("127.0.0.1", CALLER_PORT).timeout(25);
    }

    private void cleanUp(String group, String n1, int p1, String n2, int p2) throws Exception {
        command("pbx:group-remove " + group);
        unregister(n1, p1);
        unregister(n2, p2);
    }

    private static void assertForwarded(Sipp.Result caller, String from, String to) {
        String m = caller.messages();
        assertTrue("no 181 to the caller:\n" + m, m.contains("SIP/2.0 181"));
        assertTrue("the 181's Call-Info:\n" + m, m.contains("purpose=forwarding, username=\"" + from + "\", contact=\"" + to + "\""));
    }

    private static void assertAnsweredBy(CallDetailRecord cdr, String number, int port) {
        assertNotNull("not answered: " + cdr, cdr.answeredBy());
        assertTrue("answered by " + cdr.answeredBy() + ", expected " + number,
                cdr.answeredBy().startsWith(number + "@") && cdr.answeredBy().endsWith(":" + port));
    }

    private static void assertContains(String output, String expected) {
        assertTrue("expected '" + expected + "' in:\n" + output, output.contains(expected));
    }

    /** When the INVITE reached that SIPp, as its message log stamps it ("2026-12-06 07:04:31.612364": sorts as text). */
    private static String timeOfInvite(Sipp.Result r) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?m)^-+ ([0-9-]+ [0-9:.]+)\\s*\\n[^\\n]*received[^\\n]*\\n\\s*\\nINVITE sip:").matcher(r.messages());
        assertTrue("no INVITE in:\n" + r.messages(), m.find());
        return m.group(1);
    }

    private CallControl calls() {
        ServiceReference<CallControl> ref = bundleContext.getServiceReference(CallControl.class);
        assertNotNull("no CallControl service", ref);
        return bundleContext.getService(ref);
    }

    private Bundle bundle(String bsn) {
        for (Bundle b : bundleContext.getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError(bsn + " is not installed");
    }

    private ServiceReference<?> groupsRouter() {
        return registeredBy(Router.class.getName(), null);
    }

    private ServiceReference<?> groupsService() {
        return registeredBy(CallService.class.getName(), "(" + CallService.NAME + "=groups)");
    }

    /** A service of that class registered by the groups bundle, or null. */
    private ServiceReference<?> registeredBy(String clazz, String filter) {
        try {
            ServiceReference<?>[] refs = bundleContext.getServiceReferences(clazz, filter);
            if (refs == null) {
                return null;
            }
            for (ServiceReference<?> r : refs) {
                if (r.getBundle() != null && "org.plugboard.groups".equals(r.getBundle().getSymbolicName())) {
                    return r;
                }
            }
            return null;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(filter, e);
        }
    }
}
