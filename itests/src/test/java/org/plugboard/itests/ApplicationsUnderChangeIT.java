package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrSink;

/**
 * Issue 14: the media applications changed under live calls, against the real distribution with SIPp
 * (scenarios in {@code sipp/apps/}).
 * <ol>
 * <li>An IVR file rewritten under 50 calls waiting in its menu: calls placed after the new version is in service take
 * its branch (transfer to 1003), the 50 press their digit after that and still take their own (1001), seen in the
 * BYE's Reason on the SIPp side and in the CDR; an invalid edit (line 5) is refused with file:line in pbx:ivr-list,
 * -show, -validate and the log, and calls go on with the last good version.</li>
 * <li>A steady load into an IVR (prompt, a digit, the IVR hangs up) and into voicemail deposit (greeting, beep, a
 * recorded PCMA message, the caller hangs up) while the IVR and voicemail bundles are updated and their features
 * uninstalled and installed again: no SIPp call fails, every answered call's CDR is normal (also the calls inside
 * the application when its bundle stopped: they finish on the old version's code), every answered deposit is a
 * stored and listed message, and none is refused by an update (a call whose router or application is away for it
 * waits for the new version); a 404 (no route to the number) only between the feature's uninstall and install.</li>
 * </ol>
 * About 65 s with the distribution's boot.
 * SIP client ports 17650-17653, SIPp RTP ports 17660-17690.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ApplicationsUnderChangeIT extends PbxTestSupport {
    private static final int OLD_SIP = 17650;
    private static final int NEW_SIP = 17651;
    private static final int IVR_SIP = 17652;
    private static final int VM_SIP = 17653;
    private static final int OLD_RTP = 17660;
    private static final int NEW_RTP = 17670;
    private static final int IVR_RTP = 17680;
    private static final int VM_RTP = 17690;
    private static final String DTMF_5 = "/usr/share/sip-tester/dtmf_2833_5.pcap";
    private static final String PCMA_AUDIO = "/usr/share/sip-tester/g711a.pcap"; // 7 s of speech, PCMA
    private static final String PROMPT = "apps-it-tone";
    private static final String BOX = "1001";
    /** The old calls press their digit this long after their ACK: the edit must be in service well before. */
    private static final int OLD_WAIT_MS = 7000;


    @Inject
    protected ConfigurationAdmin configAdmin;

    @Inject
    @Filter(timeout = 60_000)
    protected CallControl calls;

    private final List<CallDetailRecord> cdrs = new CopyOnWriteArrayList<>();
    private ServiceRegistration<CdrSink> sink;

    @Override
    protected Option[] extraOptions() {
        return new Option[] {editConfigurationFilePut("etc/org.plugboard.registrar.cfg", "ban.allow", "127.0.0.1")};
    }

    @Before
    public void installTheApplications() throws Exception {
        Path prompts = karafEtc().resolve("prompts").resolve("en");
        Files.createDirectories(prompts);
        Files.write(prompts.resolve(PROMPT + ".wav"), tone(1000, 500));
        ensureFeature(features, "pbx-ivr", "pbx:ivr-list", "files-read");
        sink = collectCdrs(cdrs);
    }

    @After
    public void noCallLeftBehind() throws Exception {
        if (sink != null) {
            sink.unregister();
        }
        try {
            waitFor("the live-call list to be empty", 10_000, () -> calls.calls().isEmpty());
        } catch (AssertionError e) {
            String left = calls.calls().toString();
            calls.calls().forEach(c -> calls.hangup(c.id(), CallTag.ADMIN_HANGUP));
            throw new AssertionError("calls left behind: " + left, e);
        }
    }

    // ---- 1. an IVR file changed under 50 live calls ---------------------------------------------------------

    @Test
    public void a_anEditUnder50LiveCallsServesNewCallsTheLiveOnesKeepTheirVersionAndAnInvalidEditChangesNothing() throws Exception {
        long t0 = System.currentTimeMillis();
        Path file = installIvr("change", changeIvr("541", "1001"), "version 1");
        long answered = ivrCounter("calls-answered");

        Sipp.Running old = digitCallers("541", OLD_SIP, OLD_RTP, OLD_WAIT_MS, transferTo("1001")).load(50, 50, 50).timeout(40).start();
        Sipp.Result oldResult;
        Sipp.Result newResult;
        Sipp.Result afterInvalid;
        long editInService;
        try {
            waitFor("50 calls in the IVR", 15_000, () -> ivrCounter("calls-answered") - answered >= 50);
            long allIn = System.currentTimeMillis();
            writeIvr(file, changeIvr("541", "1003"));
            waitFor("version 2 in service", 10_000, () -> command("pbx:ivr-show change").contains("version 2"));
            editInService = System.currentTimeMillis();
            // the old calls press 5 at OLD_WAIT_MS after their ACK (all were in by allIn): the edit came before that
            assertTrue("version 2 in service " + (editInService - allIn) + " ms after the 50 calls were in: too late to prove anything",
                    editInService - allIn < OLD_WAIT_MS - 3000);
            assertEquals("none of the 50 live calls has ended", 0, cdrsOf(old.pid()));

            newResult = digitCallers("541", NEW_SIP, NEW_RTP, 500, transferTo("1003")).load(20, 20, 20).timeout(30).run();
            assertEquals("the new calls ended before the live ones pressed their digit", 0, cdrsOf(old.pid()));

            // an invalid edit: line 5 gets an attribute the schema does not know
            writeIvr(file, changeIvr("541", "1004").replace("<on digits=\"5\">", "<on digits=\"5\" colour=\"red\">"));
            waitFor("the refusal in pbx:ivr-list", 10_000, () -> command("pbx:ivr-list").contains("line 5"));
            String list = command("pbx:ivr-list");
            assertTrue(list, list.contains("change ") && list.contains("line 5: cvc-complex-type"));
            String show = command("pbx:ivr-show change");
            assertTrue(show, show.contains("version 2") && show.contains("1003") && show.contains("change.xml:5:"));
            String validate = command("pbx:ivr-validate change");
            assertTrue(validate, validate.contains("Error: ") && validate.contains("change.xml:5:") && validate.contains("colour"));
            String log = Files.readString(Path.of(System.getProperty("karaf.data"), "log", "karaf.log"));
            assertTrue("karaf.log names the file and line", log.contains("IVR file refused: change.xml:5:"));

            afterInvalid = digitCallers("541", NEW_SIP, NEW_RTP, 500, transferTo("1003")).load(10, 10, 10).timeout(30).run();
        } finally {
            oldResult = old.await();
        }
        assertAllPassed("the 50 calls live during the edits (digit 5 after both)", oldResult, 50);
        assertAllPassed("the 20 calls after the edit", newResult, 20);
        assertAllPassed("the 10 calls after the invalid edit", afterInvalid, 10);
        assertTransfers(oldResult.traces(), old.pid(), 50, "1001");
        assertTransfers(newResult.traces(), -1, 20, "1003");
        assertTransfers(afterInvalid.traces(), -1, 10, "1003");
        System.out.printf("ApplicationsUnderChangeIT edit test: %d ms (version 2 in service %d ms after the load started)%n",
                System.currentTimeMillis() - t0, editInService - t0);
    }

    // ---- 2. bundle:update and feature uninstall/install under load -----------------------------------------

    /** A step of the second test and when it ran. */
    private record Step(String name, long start, long end) {
    }

    @Test
    public void b_updatesAndReinstallsOfTheIvrAndVoicemailUnderLoadDropNoCall() throws Exception {
        long t0 = System.currentTimeMillis();
        ensureFeature(features, "pbx-voicemail", "pbx:vm-list", "Mailbox");
        configure(configAdmin, "org.plugboard.voicemail", "quota.messages", "0"); // a message per deposit call: no limit
        configure(configAdmin, "org.plugboard.voicemail", "quota.seconds", "0");
        Path box = Path.of(System.getProperty("karaf.data"), "voicemail", BOX);
        Files.createDirectories(box);
        Files.write(box.resolve("greeting-unavailable.wav"), tone(400, 300)); // a short greeting: the message starts soon
        installIvr("load", loadIvr("542"), "version 1");
        int messagesBefore = messageFiles(box);

        Sipp.Running ivr = digitCallers("542", IVR_SIP, IVR_RTP, 2500, "Media application 'ivr' ended").load(5, 600, 60)
                .timeout(150).start();
        Sipp.Running vm = sipp("apps/uac-deposit.xml").user("1002", password("1002")).service("97" + BOX).key("caller", "1002")
                .from("127.0.0.1", VM_SIP).mediaPort(VM_RTP).define("PT", "8").define("CODEC", "PCMA")
                .define("AUDIO_PCAP", PCMA_AUDIO).define("HOLD_MS", "4000").load(4, 480, 60).timeout(150).start();
        List<Step> steps = new ArrayList<>();
        Sipp.Result ivrResult;
        Sipp.Result vmResult;
        try {
            progress("warm-up", t0, ivr, vm);
            step(steps, "bundle:update org.plugboard.ivr", () -> {
                bundleOf("org.plugboard.ivr").update();
                waitFor("the IVRs after the update", 20_000, () -> command("pbx:ivr-list").contains("542"));
            });
            progress(steps, ivr, vm);
            step(steps, "bundle:update org.plugboard.voicemail", () -> {
                bundleOf("org.plugboard.voicemail").update();
                waitFor("voicemail after the update", 20_000, () -> command("pbx:vm-list").contains("Mailbox"));
            });
            progress(steps, ivr, vm);
            step(steps, "feature:uninstall pbx-ivr", () -> features.uninstallFeature("pbx-ivr"));
            step(steps, "feature:install pbx-ivr", () -> {
                features.installFeature("pbx-ivr");
                waitFor("the IVRs after the install", 20_000, () -> command("pbx:ivr-list").contains("542"));
            });
            progress(steps, ivr, vm);
            step(steps, "feature:uninstall pbx-voicemail", () -> features.uninstallFeature("pbx-voicemail"));
            step(steps, "feature:install pbx-voicemail", () -> {
                features.installFeature("pbx-voicemail");
                waitFor("voicemail after the install", 20_000, () -> command("pbx:vm-list").contains("Mailbox"));
            });
            progress(steps, ivr, vm);
        } finally {
            ivr.quit();
            vm.quit();
            ivrResult = ivr.await();
            vmResult = vm.await();
        }
        long ivrPid = ivr.pid();
        long vmPid = vm.pid();
        StringBuilder report = new StringBuilder();
        steps.forEach(s -> report.append(String.format("%-36s at %6d ms, %5d ms%n", s.name(), s.start() - t0, s.end() - s.start())));
        report.append("IVR load: ").append(counters(ivrResult)).append("\nvoicemail load: ").append(counters(vmResult)).append('\n');
        List<String> faults = new ArrayList<>();
        long ivrAnswered = judge("IVR", ivrPid, ivrResult, steps, "org.plugboard.ivr", "pbx-ivr", CallTag.CALLEE_BYE,
                "Media application 'ivr' ended", faults, report);
        long vmAnswered = judge("voicemail", vmPid, vmResult, steps, "org.plugboard.voicemail", "pbx-voicemail", CallTag.CALLER_BYE, null,
                faults, report);
        int stored = messageFiles(box) - messagesBefore;
        report.append(String.format("voicemail: %d deposits answered, %d messages stored; %d s in all%n", vmAnswered, stored,
                (System.currentTimeMillis() - t0) / 1000));
        System.out.println("ApplicationsUnderChangeIT:\n" + report);
        if (stored != vmAnswered) {
            faults.add("every answered deposit leaves a message: " + vmAnswered + " answered, " + stored + " stored");
        }
        assertTrue("faults:\n  " + String.join("\n  ", faults) + "\n\n" + report, faults.isEmpty());
        assertTrue("calls answered: " + report, ivrAnswered > 20 && vmAnswered > 20);
        String listed = (messagesBefore + stored) + " new";
        waitFor("every message listed (" + listed + ")", 10_000, () -> command("pbx:vm-show " + BOX).contains(listed));
    }

    /**
     * One load's verdict: SIPp failed no call, every call has a CDR, an answered one a normal end (also those inside
     * the application while its bundle was updated or its feature uninstalled: they finish on the old code), a refused
     * one a 404 while the application was not there: between its feature's uninstall and the end of its install, once
     * the calls bundle's grace for a router or application that left (2 s) is over. An update refuses none.
     *
     * @return the calls answered
     */
    private long judge(String load, long pid, Sipp.Result r, List<Step> steps, String bundle, String feature, CallTag normalTag,
            String normalReason, List<String> faults, StringBuilder report) throws InterruptedException {
        long created = r.traces().lastStat("TotalCallCreated");
        if (r.exitCode() != 0 || r.traces().lastStat("FailedCall(C)") != 0) {
            faults.add(load + ": SIPp failed calls (exit " + r.exitCode() + "): " + r.traces().errors().lines().limit(20).toList());
        }
        String ours = "-" + pid + "@";
        try {
            waitFor(load + ": a CDR of every call", 10_000, () -> cdrs.stream().filter(c -> c.callId().contains(ours)).count() >= created);
        } catch (AssertionError e) {
            faults.add(load + ": " + created + " calls, " + cdrs.stream().filter(c -> c.callId().contains(ours)).count() + " CDRs");
        }
        Step update = find(steps, "bundle:update " + bundle);
        Step uninstall = find(steps, "feature:uninstall " + feature);
        Step install = find(steps, "feature:install " + feature);
        long answered = 0;
        long acrossUpdate = 0;
        long acrossUninstall = 0;
        List<String> refused = new ArrayList<>();
        for (CallDetailRecord c : cdrs) {
            if (!c.callId().contains(ours)) {
                continue;
            }
            if (c.disposition() == Disposition.ANSWERED) {
                answered++;
                acrossUpdate += across(c, update.start()) ? 1 : 0;
                acrossUninstall += across(c, uninstall.start()) ? 1 : 0;
                if (c.tag() != normalTag || (normalReason != null && (c.reason() == null || !c.reason().contains(normalReason)))) {
                    faults.add(load + ": " + c.callId() + " ended " + c.tag() + " " + c.sipStatus() + " " + c.reason() + " at "
                            + stepAt(steps, c.end().toEpochMilli()));
                }
            } else {
                long at = c.start().toEpochMilli();
                refused.add(c.sipStatus() + " " + c.reason() + " " + stepAt(steps, at));
                boolean away = at >= uninstall.start() && at <= install.end(); // an update refuses none: calls wait for it
                if (c.sipStatus() != 404 || !away) {
                    faults.add(load + ": " + c.callId() + " refused " + c.sipStatus() + " " + c.reason() + " " + stepAt(steps, at));
                }
            }
        }
        if (acrossUninstall == 0 || acrossUpdate == 0) {
            faults.add(load + ": no call was inside the application during its update (" + acrossUpdate + ") or uninstall ("
                    + acrossUninstall + "): the test proves nothing");
        }
        report.append(String.format("%s: %d calls, %d answered (%d inside during the update of %s, %d during the uninstall of %s, all"
                + " ended normally unless listed), %d refused %s%n", load, created, answered, acrossUpdate, bundle, acrossUninstall, feature,
                refused.size(), refused.stream().distinct().toList()));
        return answered;
    }

    /** The call was answered before {@code millis} and ended after it. */
    private static boolean across(CallDetailRecord c, long millis) {
        return c.answer() != null && c.answer().toEpochMilli() < millis && c.end().toEpochMilli() > millis;
    }

    private static Step find(List<Step> steps, String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no step " + name));
    }

    /** Waits until each load has completed 3 answered calls that started after the last step ended. */
    private void progress(List<Step> steps, Sipp.Running... loads) throws InterruptedException {
        Step last = steps.get(steps.size() - 1);
        progress("after " + last.name(), last.end(), loads);
    }

    private void progress(String what, long since, Sipp.Running... loads) throws InterruptedException {
        for (Sipp.Running l : loads) {
            String ours = "-" + l.pid() + "@";
            waitFor("3 calls of each load answered and ended " + what, 30_000, () -> cdrs.stream()
                    .filter(c -> c.callId().contains(ours) && c.disposition() == Disposition.ANSWERED && c.start().toEpochMilli() > since)
                    .count() >= 3);
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private static void step(List<Step> steps, String name, Action action) throws Exception {
        long start = System.currentTimeMillis();
        action.run();
        steps.add(new Step(name, start, System.currentTimeMillis()));
    }

    private static String stepAt(List<Step> steps, long millis) {
        String at = "before the steps";
        for (Step s : steps) {
            if (millis >= s.start()) {
                at = (millis <= s.end() ? "during " : "after ") + s.name();
            }
        }
        return at;
    }

    private static String counters(Sipp.Result r) {
        Sipp.Traces t = r.traces();
        return "exit " + r.exitCode() + ", calls " + t.lastStat("TotalCallCreated") + ", successful " + t.lastStat("SuccessfulCall(C)")
                + ", failed " + t.lastStat("FailedCall(C)");
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** Callers dialling an IVR that press 5 {@code waitMillis} after their ACK and expect a BYE whose Reason matches. */
    private static Sipp digitCallers(String number, int sip, int rtp, int waitMillis, String reason) {
        return sipp("apps/uac-ivr-digit.xml").user("1002", password("1002")).service(number).key("caller", "1002").from("127.0.0.1", sip)
                .mediaPort(rtp).define("PT", "0").define("CODEC", "PCMU").define("DTMF_PCAP", DTMF_5)
                .define("WAIT_MS", Integer.toString(waitMillis)).define("REASON", reason);
    }

    /**
     * The Reason of the BYE ending a call the IVR transferred to {@code target} (SIPp's POSIX regex): the target has
     * no device, so the calls bundle ends the call naming it ("Transfer from media application 'ivr' to 1001 failed").
     */
    private static String transferTo(String target) {
        return "[Tt]ransfer.* to " + target + "[^0-9]";
    }

    /** All {@code calls} of a load run passed, none refused. */
    private static void assertAllPassed(String who, Sipp.Result r, int calls) {
        Sipp.Traces t = r.traces();
        assertTrue(who + ": exit " + r.exitCode() + ", errors:\n" + t.errors() + "\n" + r.messages(),
                r.passed() && t.lastStat("SuccessfulCall(C)") == calls && t.lastStat("FailedCall(C)") == 0);
        assertTrue(who + ": refused calls\n" + t.logs(), !t.logs().contains("REFUSED"));
    }

    /** Every call of the run ended with a transfer to {@code target} in its CDR's reason. */
    private void assertTransfers(Sipp.Traces traces, long pidOrAny, int calls, String target) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("\tANSWERED\t(\\S+)").matcher(traces.logs());
        while (m.find()) {
            ids.add(m.group(1));
        }
        assertEquals("answered calls in the SIPp log", calls, ids.size());
        if (pidOrAny > 0) {
            assertTrue(ids.toString(), ids.stream().allMatch(id -> id.contains("-" + pidOrAny + "@")));
        }
        Pattern transfer = Pattern.compile("(?i)\\btransfer.*\\bto " + Pattern.quote(target) + "\\b");
        waitFor("the CDRs of " + calls + " calls", 10_000, () -> ids.stream().allMatch(id -> cdrs.stream().anyMatch(c -> c.callId().equals(id))));
        for (String id : ids) {
            CallDetailRecord cdr = cdrs.stream().filter(c -> c.callId().equals(id)).findFirst().orElseThrow();
            assertTrue(id + ": " + cdr.reason(), cdr.reason() != null && transfer.matcher(cdr.reason()).find());
        }
    }

    private long cdrsOf(long pid) {
        String ours = "-" + pid + "@";
        return cdrs.stream().filter(c -> c.callId().contains(ours)).count();
    }

    /** The IVR of the first test: the tone, then one digit; 5 goes to {@code target}, anything else to 1004. */
    private static String changeIvr(String number, String target) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <ivr number="%s">
                  <menu name="main">
                    <collect var="choice" prompt="%s" max="1" first-timeout="15" retries="0">
                      <on digits="5"><transfer to="%s"/></on>
                      <otherwise><transfer to="1004"/></otherwise>
                    </collect>
                  </menu>
                </ivr>
                """.formatted(number, PROMPT, target);
    }

    /** The IVR of the load: the tone, then one digit, then the IVR hangs up. */
    private static String loadIvr(String number) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <ivr number="%s">
                  <menu name="main">
                    <collect var="choice" prompt="%s" max="1" first-timeout="10" retries="0">
                      <on digits="5"><hangup/></on>
                      <otherwise><hangup/></otherwise>
                    </collect>
                  </menu>
                </ivr>
                """.formatted(number, PROMPT);
    }

    private static int messageFiles(Path box) throws IOException {
        try (Stream<Path> files = Files.list(box)) {
            return (int) files.filter(f -> f.getFileName().toString().matches("msg-.*\\.wav")).count();
        }
    }

    /** A tone as an 8 kHz mono 16-bit WAV. */
    private static byte[] tone(double hz, int millis) {
        short[] s = new short[8 * millis];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (6000 * Math.sin(2 * Math.PI * hz * i / 8000));
        }
        return VoicemailIT.Wav.pcm16(s);
    }
}
