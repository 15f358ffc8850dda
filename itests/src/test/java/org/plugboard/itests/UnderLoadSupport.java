package org.plugboard.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrSink;
import org.plugboard.api.media.MediaGateway;

/**
 * A steady SIPp load through the PBX while steps change it (bundle updates, features installed and removed), every
 * refused or dropped call charged to the steps that could have caused it. A SIPp caller (1001, digest-authenticated)
 * calls the callee's number at a steady rate, each call held for a while, SDP through the in-process relay
 * ({@code media.engine=local}, no RTP sent: the relay's inactivity timeout is longer than a call); a SIPp callee is
 * registered under every number {@link #calleeNumbers()} names (so forwarding between them stays on it).
 * <p>
 * Failures are counted on both sides: the caller's refused calls (status and phrase) and dropped calls (a BYE from
 * the PBX, or a non-2xx to its BYE), both SIPps' failed calls (unexpected message, retransmission and receive
 * timeouts, from -trace_err), and the PBX's CDRs of the load's calls (any but ANSWERED/CALLER_BYE, or none for an
 * answered call). Any failure fails the test. Each is charged to every step that ran in its span (see
 * {@link LoadEvents}): a refused call to the step running when it was refused, a dropped call to every step that ran
 * while it was up. So the steps need not wait a whole call apart for a lost call to be charged to its step: after
 * each step the B2BUA must be back in service, then the load runs on for the settle period (default 3 s, new calls
 * through the changed PBX) before the next step. After the last step's settle period the caller places no new call
 * and every call up ends after its hold (its BYE gets 481 if the PBX lost it) before the verdict: that time, too, is
 * charged to the last step.
 * <p>
 * Rate and hold come from {@code -Dload.rate}, {@code -Dload.hold}, {@code -Dload.settle} and {@code -Dload.only}
 * (only the steps whose name contains it), with defaults per test class.
 */
public abstract class UnderLoadSupport extends PbxTestSupport {
    @Inject
    @Filter(value = "(plugboard.media.engine=local)", timeout = 60_000)
    MediaGateway relay; // only to wait for the relay at boot

    @Inject
    @Filter(timeout = 60_000)
    CallControl bootCalls; // only to wait for the B2BUA at boot: after its update, see liveCalls()


    protected final int rate = Integer.getInteger("load.rate", defaultRate());
    protected final int hold = Integer.getInteger("load.hold", defaultHold());
    protected final int settle = Integer.getInteger("load.settle", 3);

    /** The test's name in the report and the report file. */
    protected abstract String name();

    protected abstract int callerPort();

    protected abstract int calleePort();

    protected int defaultRate() {
        return 20;
    }

    protected int defaultHold() {
        return 20;
    }

    /** The numbers the SIPp callee registers; the load dials the first. */
    protected List<String> calleeNumbers() {
        return List.of("1002");
    }

    @Override
    protected Option[] extraOptions() {
        List<Option> o = new ArrayList<>(List.of(
                editConfigurationFilePut("etc/org.plugboard.registrar.cfg", "ban.allow", "127.0.0.1"),
                editConfigurationFilePut("etc/org.plugboard.calls.cfg", "media.engine", "local"),
                editConfigurationFilePut("etc/org.plugboard.media.cfg", "port.min", "36000"),
                editConfigurationFilePut("etc/org.plugboard.media.cfg", "port.max", "39999")));
        for (String p : List.of("load.rate", "load.hold", "load.settle", "load.only")) { // -D on the mvn command line
            if (System.getProperty(p) != null) {
                o.add(systemProperty(p).value(System.getProperty(p)));
            }
        }
        return o.toArray(new Option[0]);
    }

    /** One step of the test: what it did, when, how long it took, and whether it threw. */
    private record Step(String name, double start, long millis, String error, int liveBefore, int liveAfter) {
    }

    protected interface Action {
        void run() throws Exception;
    }

    /** Runs the load, then each step with its settle period, and fails naming every step that refused or dropped a call. */
    protected void runUnderLoad(List<Map.Entry<String, Action>> actions) throws Exception {
        actions = new ArrayList<>(actions);
        final int CALLER_PORT = callerPort();
        final int CALLEE_PORT = calleePort();
        String only = System.getProperty("load.only"); // e.g. -Dload.only=org.plugboard.sip: the steps named so
        if (only != null && !only.isBlank()) {
            actions.removeIf(step -> !step.getKey().contains(only));
        }

        int steps = actions.size();
        int plannedSeconds = hold + 15 + steps * (settle + 10); // warm-up, steps with their settle, and some slack
        int open = rate * hold * 3;
        List<CallDetailRecord> cdrs = new CopyOnWriteArrayList<>();
        ServiceRegistration<CdrSink> sink = collectCdrs(cdrs);
        for (String number : calleeNumbers()) {
            register(number, CALLEE_PORT, Math.min(3600, plannedSeconds + hold + 120));
        }
        Sipp.Running callee = null;
        Sipp.Running caller = null;
        List<Step> done = new ArrayList<>();
        LoadEvents seen = new LoadEvents(hold);
        String sippSummary = "";
        long t0 = System.currentTimeMillis();
        try {
            callee = sipp("load/uas-load.xml").server().user(calleeNumbers().get(0), password(calleeNumbers().get(0))).from("127.0.0.1", CALLEE_PORT)
                    .load(rate, 0, open).recvTimeout((hold + 30) * 1000).timeout(plannedSeconds + hold + 120).start();
            caller = sipp("load/uac-load.xml").user("1001", password("1001")).service(calleeNumbers().get(0)).key("caller", "1001")
                    .from("127.0.0.1", CALLER_PORT).define("HOLD_MS", Integer.toString(hold * 1000))
                    .load(rate, rate * plannedSeconds, open).recvTimeout(16_000).timeout(plannedSeconds + hold + 60).start();
            double loadStart = now();
            int full = rate * hold * 8 / 10;
            waitFor(full + " live calls (the load before any update; PBX overloaded?)", (hold + 20) * 1000L,
                    () -> liveCalls() >= full);
            done.add(new Step("before any update (warm-up)", loadStart, 0, null, 0, liveCalls()));
            for (Map.Entry<String, Action> a : actions) {
                int before = liveCalls();
                double start = now();
                String error = null;
                try {
                    a.getValue().run();
                    // a step is over when the B2BUA is registered again (its own update takes it away for a moment)
                    waitFor("the B2BUA back in service after " + a.getKey(), 30_000, () -> liveCalls() >= 0);
                } catch (Exception | AssertionError e) {
                    error = e.toString();
                }
                long millis = Math.round((now() - start) * 1000);
                // the load goes on through the changed PBX before the next step: new calls there, calls up end there
                Thread.sleep(Math.max(0, settle * 1000L - millis));
                done.add(new Step(a.getKey(), start, millis, error, before, liveCalls()));
            }
            caller.quit(); // no new calls; the calls up end within the hold time
            Sipp.Result callerResult = caller.await();
            callee.quit();
            Sipp.Result calleeResult = callee.await();

            sippSummary = String.format("SIPp caller exit %d (%s), callee exit %d (%s)", callerResult.exitCode(),
                    counters(callerResult), calleeResult.exitCode(), counters(calleeResult));
            seen.callerLog(callerResult.traces().logs());
            seen.unended();
            seen.calleeLog(calleeResult.traces().logs());
            seen.sippErrors("caller", callerResult.traces().errors());
            seen.sippErrors("callee", calleeResult.traces().errors());
            String ours = "-" + caller.pid() + "@";
            try {
                waitFor("a CDR for every answered call", 10_000, () -> cdrCallIds(cdrs, ours).containsAll(seen.answered.keySet()));
            } catch (AssertionError e) {
                // the calls without one are charged to their steps below
            }
            seen.cdrs(cdrs, ours);
        } catch (AssertionError e) {
            seen.cdrs(cdrs, "-" + (caller == null ? 0 : caller.pid()) + "@");
            throw new AssertionError(e.getMessage() + "\n" + report(done, seen), e);
        } finally {
            if (caller != null) {
                caller.kill();
            }
            if (callee != null) {
                callee.kill();
            }
            sink.unregister();
            hangUpWhatIsLeft();
            for (String number : calleeNumbers()) {
                try {
                    unregister(number, CALLEE_PORT);
                } catch (AssertionError | Exception e) {
                    System.out.println(name() + ": unregistering " + number + " failed: " + e);
                }
            }
        }
        if (!seen.answered.isEmpty()) {
            seen.missingCdrs(cdrCallIds(cdrs, "-" + caller.pid() + "@"));
        }
        String report = report(done, seen) + String.format("%ncalls answered %d, ended by the caller or dropped %d, "
                + "completed at the callee %d; %s; %d s in all%n", seen.answered.size(), seen.ended.size(), seen.calleeDone,
                sippSummary, (System.currentTimeMillis() - t0) / 1000);
        System.out.println(name() + ":\n" + report);
        java.nio.file.Files.writeString(java.nio.file.Path.of(System.getProperty("karaf.data", "."), "log",
                name() + "-report.txt"), report);
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < done.size(); i++) {
            Step s = done.get(i);
            double end = i + 1 < done.size() ? done.get(i + 1).start() : Double.MAX_VALUE;
            Map<String, Long> failures = seen.between(s.start(), end, true);
            if (!failures.isEmpty() || s.error() != null) {
                failed.add(s.name() + (s.error() == null ? "" : " threw " + s.error()) + ": " + failures);
            }
        }
        long failures = seen.events.stream().filter(LoadEvents.Event::failure).count();
        org.junit.Assert.assertTrue(failures + " refused or dropped call(s), charged to the steps that ran while each was "
                + "up (target: none):\n  " + String.join("\n  ", failed)
                + "\n\n" + report, failed.isEmpty() && failures == 0);
        org.junit.Assert.assertFalse("no call was answered:\n" + report, seen.answered.isEmpty());
    }

    /** SIPp's own totals from the last line of its -trace_stat file. */
    private static String counters(Sipp.Result r) {
        Sipp.Traces t = r.traces();
        return "calls " + t.lastStat("TotalCallCreated") + ", failed " + t.lastStat("FailedCall(C)") + ", retransmissions "
                + t.lastStat("Retransmissions(C)") + ", unexpected " + t.lastStat("FailedUnexpectedMessage(C)")
                + ", timeouts " + (t.lastStat("FailedTimeoutOnRecv(C)") + t.lastStat("FailedMaxUDPRetrans(C)"));
    }

    private static Set<String> cdrCallIds(List<CallDetailRecord> cdrs, String ours) {
        return cdrs.stream().map(CallDetailRecord::callId).filter(id -> id.contains(ours)).collect(Collectors.toSet());
    }

    /** Per step: what it did, how long, live calls before and after, failures and what was only noted. */
    private static String report(List<Step> done, LoadEvents seen) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < done.size(); i++) {
            Step s = done.get(i);
            double end = i + 1 < done.size() ? done.get(i + 1).start() : Double.MAX_VALUE;
            b.append(String.format("%-45s %6d ms  live %4d -> %4d  %s%s%s%n", s.name(), s.millis(), s.liveBefore(),
                    s.liveAfter(), s.error() == null ? "" : "THREW " + s.error() + " ", "failures " + seen.between(s.start(), end, true),
                    seen.between(s.start(), end, false).isEmpty() ? "" : "  noted " + seen.between(s.start(), end, false)));
        }
        return b.toString();
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    /** The live calls of the B2BUA registered now; -1 while none is (during its update). */
    protected int liveCalls() {
        ServiceReference<CallControl> ref = bundleContext.getServiceReference(CallControl.class);
        CallControl c = ref == null ? null : bundleContext.getService(ref);
        try {
            return c == null ? -1 : c.calls().size();
        } finally {
            if (c != null) {
                bundleContext.ungetService(ref);
            }
        }
    }

    private void hangUpWhatIsLeft() {
        ServiceReference<CallControl> ref = bundleContext.getServiceReference(CallControl.class);
        CallControl c = ref == null ? null : bundleContext.getService(ref);
        if (c != null) {
            c.calls().forEach(call -> c.hangup(call.id(), CallTag.ADMIN_HANGUP));
            bundleContext.ungetService(ref);
        }
    }
}
