package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;

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
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrSink;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.Outcome;

/**
 * The service plans of pbx-service-plans (in pbx-core) decide which call services run for a real call. The test
 * registers two call services at ROUTED, as a plugin would: {@code itest-decline} refuses every call it is asked
 * about with a distinctive 603 "Declined By Plan", {@code itest-marker} only notes whom it served. Plans set with
 * the console commands then decide, per extension and per service class, whether the decline runs: SIPp callers
 * get the 603 or are answered by the SIPp callee, and {@code pbx:plan-show} says where the order comes from.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ServicePlansIT extends PbxTestSupport {
    // This class's SIP client ports: 16500-16519 (below the kernel's ephemeral range).
    private static final int PORT_1002 = 16500;
    private static final int PORT_1003 = 16501;
    private static final AtomicInteger CALLER_PORTS = new AtomicInteger(16502);
    private static final String DECLINE = "itest-decline";
    private static final String MARKER = "itest-marker";

    /** Waits for the B2BUA. */
    @Inject
    @Filter(timeout = 60_000)
    protected CallControl calls;

    private final List<String> declined = new CopyOnWriteArrayList<>();
    private final List<String> marked = new CopyOnWriteArrayList<>();
    private final List<CallDetailRecord> cdrs = new CopyOnWriteArrayList<>();
    private final List<ServiceRegistration<?>> registrations = new CopyOnWriteArrayList<>();

    @Override
    protected Option[] extraOptions() {
        return new Option[] {editConfigurationFilePut("etc/org.plugboard.registrar.cfg", "ban.allow", "127.0.0.1")};
    }

    @Before
    public void servicesAndASiteDefault() throws Exception {
        waitFor("the pbx:plan-* commands", 30_000, () -> !command("pbx:plan-list").contains("Command not found"));
        registrations.add(collectCdrs(cdrs));
        registrations.add(service(DECLINE, r -> {
            declined.add(r.servedUser());
            return Outcome.reject(603, "Declined By Plan", 21, "declined by the itest service", CallTag.SCREENED);
        }));
        registrations.add(service(MARKER, r -> {
            marked.add(r.servedUser());
            return Outcome.proceed();
        }));
        for (String scope : List.of("1002", "1003", "reception")) {
            command("pbx:plan-clear " + scope);
        }
        command("pbx:class-unassign 1003");
        // The site default: only the marker. Without any plan every service would run, the decline included.
        assertTrue(command("pbx:plan-set '*' " + MARKER).contains("Plan of the site default (*) at ALL: " + MARKER));
    }

    @After
    public void unregisterServices() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }

    private ServiceRegistration<CallService> service(String name, CallService s) {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put(CallService.NAME, name);
        p.put(CallService.POINTS, "ROUTED");
        return bundleContext.registerService(CallService.class, s, p);
    }

    @Test
    public void thePlanOfOneExtensionDecidesWhetherTheDeclineRuns() throws Exception {
        String set = command("pbx:plan-set 1002 " + DECLINE + " --point ROUTED");
        assertTrue(set, set.contains("Plan of number 1002 at ROUTED: " + DECLINE));
        assertFalse("both services are installed: no warning expected\n" + set, set.contains("Warning"));
        String show = command("pbx:plan-show 1002");
        assertTrue(show, show.contains("Extension 1002 (Bob), no service class"));
        assertRow(show, "ROUTED", DECLINE, "plan of 1002 (ROUTED)");
        assertRow(command("pbx:plan-show 1003"), "ROUTED", MARKER, "site default * (all points)");

        register("1002", PORT_1002);
        register("1003", PORT_1003);
        try {
            // 1002's plan: the decline runs and refuses the call before 1002 is even asked.
            Sipp.Running at1002 = callee("1002", PORT_1002);
            Sipp.Result refused = caller("1002").expect(603).run();
            at1002.kill();
            Sipp.Result callee1002 = at1002.await();
            passed("caller of 1002 (603 from the decline service)", refused);
            assertTrue(refused.messages(), refused.messages().contains("SIP/2.0 603 Declined By Plan"));
            assertFalse("1002 got the INVITE although its plan declines:\n" + callee1002.messages(),
                    callee1002.messages().contains("INVITE sip:"));
            CallDetailRecord cdr = cdrOf(cdrs, refused);
            assertEquals(603, cdr.sipStatus());
            assertEquals(CallTag.SCREENED, cdr.tag());
            assertEquals(List.of("1002"), declined);
            assertFalse("the marker ran for 1002, whose plan names only the decline", marked.contains("1002"));

            // 1003 follows the site default: the marker runs, the decline is not asked, 1003 answers.
            answered("1003", PORT_1003);
            assertEquals(List.of("1003"), marked);
            assertEquals(List.of("1002"), declined);

            // Without its plan, 1002 follows the site default too.
            String cleared = command("pbx:plan-clear 1002");
            assertTrue(cleared, cleared.contains("Cleared the plan of number 1002 (1 list)."));
            assertRow(command("pbx:plan-show 1002"), "ROUTED", MARKER, "site default * (all points)");
            answered("1002", PORT_1002);
            assertEquals(List.of("1003", "1002"), marked);
            assertEquals(List.of("1002"), declined);
        } finally {
            unregister("1002", PORT_1002);
            unregister("1003", PORT_1003);
        }
    }

    @Test
    public void aServiceClassPlanAppliesToItsMembers() throws Exception {
        String refused = command("pbx:class-assign 1099 reception");
        assertTrue(refused, refused.contains("Error: '1099' is no extension (pbx:ext-list shows them)"));
        String warned = command("pbx:plan-set reception itest-not-installed " + DECLINE);
        assertTrue(warned, warned.contains("Warning: no call service named 'itest-not-installed' is installed now"));
        String assigned = command("pbx:class-assign 1003 reception");
        assertTrue(assigned, assigned.contains("Extension 1003 is in class reception"));
        String list = command("pbx:plan-list");
        assertTrue(list, list.contains("not installed: itest-not-installed") && list.contains("1003"));
        String show = command("pbx:plan-show 1003");
        assertTrue(show, show.contains("service class reception"));
        assertRow(show, "ROUTED", DECLINE, "plan of class reception (all points)");

        register("1003", PORT_1003);
        try {
            Sipp.Result r = caller("1003").expect(603).run();
            passed("caller of 1003 (603: the class plan runs the decline)", r);
            assertEquals(List.of("1003"), declined);
            assertTrue(marked.isEmpty());
            // Out of the class, the site default again.
            command("pbx:class-unassign 1003");
            answered("1003", PORT_1003);
            assertEquals(List.of("1003"), marked);
        } finally {
            unregister("1003", PORT_1003);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** A call from 1001 to {@code number}, answered by its SIPp callee at {@code port}. */
    private void answered(String number, int port) throws Exception {
        Sipp.Running callee = callee(number, port);
        Sipp.Result caller = sipp("calls/uac-call.xml").user("1001", password("1001")).service(number).key("caller", "1001")
                .key("hold_ms", "300").from("127.0.0.1", CALLER_PORTS.getAndIncrement()).timeout(15).run();
        Sipp.Result at = callee.await();
        passed("caller of " + number + " (answered)", caller);
        passed(number + " answering", at);
        assertEquals(200, cdrOf(cdrs, caller).sipStatus());
    }

    private static Sipp.Running callee(String number, int port) throws java.io.IOException {
        return sipp("calls/uas-answer.xml").server().user(number, password(number)).from("127.0.0.1", port).timeout(15).start();
    }

    private static Sipp caller(String number) {
        return sipp("calls/uac-expect-final.xml").user("1001", password("1001")).service(number).key("caller", "1001")
                .from("127.0.0.1", CALLER_PORTS.getAndIncrement()).timeout(15);
    }

    /** The pbx:plan-show line of {@code point} names what runs and where it comes from. */
    private static void assertRow(String show, String point, String runs, String from) {
        String line = show.lines().filter(l -> l.trim().startsWith(point + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + point + " row in:\n" + show));
        assertTrue(show, line.contains(runs) && line.contains(from));
    }
}
