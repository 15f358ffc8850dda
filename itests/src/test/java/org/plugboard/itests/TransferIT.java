package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * Transfer through the running distribution with SIPp parties: blind transfer (REFER) by the callee and by the
 * caller, a REFER refused by a transfer service or because none is installed (403), a Refer-To that cannot be used
 * (400 naming the header), and attended transfer (REFER with Replaces) to a SIPp target that takes the INVITE with
 * Replaces. Media go through the in-process relay (media.engine=local, the distribution's default). A test
 * registers the transfer service the core requires (a plugin on DetectionPoint.TRANSFER), as a feature would.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TransferIT extends PbxTestSupport {
    /** SIP client ports of this class: 16700-16739. */
    private static final AtomicInteger PORTS = new AtomicInteger(16700);
    private static final String PBX = "127.0.0.1:" + SIP_PORT;

    @Inject
    @Filter(timeout = 60_000)
    CallControl calls;


    private final List<CallDetailRecord> cdrs = new CopyOnWriteArrayList<>();
    private ServiceRegistration<CdrSink> sink;
    private ServiceRegistration<CallService> transferService;
    /** What the transfer service answers: null lets every REFER through. */
    private volatile Outcome.Reject refusal;

    @Override
    protected Option[] extraOptions() {
        return new Option[] {editConfigurationFilePut("etc/org.plugboard.registrar.cfg", "ban.allow", "127.0.0.1")};
    }

    @Before
    public void setUp() {
        command("pbx:sip-trace on");
        sink = collectCdrs(cdrs);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(CallService.NAME, "itest-transfer");
        props.put(CallService.POINTS, "TRANSFER");
        transferService = bundleContext.registerService(CallService.class, request -> refusal != null ? refusal : Outcome.proceed(), props);
    }

    @After
    public void noCallLeftBehind() throws Exception {
        sink.unregister();
        if (transferService != null) {
            transferService.unregister();
        }
        try {
            waitFor("the live-call list to be empty", 5000, () -> calls.calls().isEmpty());
        } catch (AssertionError e) {
            String left = calls.calls().toString();
            calls.calls().forEach(c -> calls.hangup(c.id(), CallTag.ADMIN_HANGUP));
            throw new AssertionError("calls left behind: " + left, e);
        }
    }

    // ---- parties ------------------------------------------------------------------------------------------

    private record Party(String number, int port, Sipp.Running sipp) {
        Sipp.Result await() throws Exception {
            Sipp.Result r = sipp.await();
            unregister(number, port);
            return r;
        }
    }

    /** Registers a device of {@code number} at a fresh port and runs a server scenario there. */
    private Party device(String number, String scenario, Consumer<Sipp> options) throws Exception {
        int port = PORTS.getAndIncrement();
        register(number, port);
        Sipp s = sipp(scenario).server().user(number, password(number)).from("127.0.0.1", port).timeout(25);
        options.accept(s);
        return new Party(number, port, s.start());
    }

    private Sipp caller(String scenario, String number, String dialled) {
        return sipp(scenario).user(number, password(number)).service(dialled).key("caller", number).key("hold_ms", "500")
                .from("127.0.0.1", PORTS.getAndIncrement()).timeout(25);
    }

    private static String referTo(String number) {
        return "<sip:" + number + "@" + PBX + ">";
    }

    /** The records of this test once {@code count} are written: the transferor's part first when there is one. */
    private List<CallDetailRecord> records(int count) throws InterruptedException {
        waitFor(count + " CDRs", 5000, () -> cdrs.size() >= count);
        assertEquals("CDRs: " + cdrs, count, cdrs.size());
        return List.copyOf(cdrs);
    }

    /** The SDP port of the INVITE a party received: the relay's (20000-29999), not the other party's. */
    private static void relayed(Sipp.Result target) {
        Matcher m = Pattern.compile("(?s)INVITE sip:.*?m=audio (\\d+)").matcher(target.messages());
        assertTrue("no INVITE with SDP:\n" + target.messages(), m.find());
        int port = Integer.parseInt(m.group(1));
        assertTrue("the target's offer names the relay, port " + port, port >= 20000 && port <= 29999);
    }

    private static void assertLinked(CallDetailRecord part, CallDetailRecord rest) {
        assertEquals(CallTag.TRANSFERRED, part.tag());
        assertEquals(rest.id(), part.linkedCall());
        assertEquals(part.id(), rest.linkedCall());
        assertNotEquals(part.id(), rest.id());
        assertNotNull(part.answer());
        assertTrue("the rest starts when the part ends or before", !rest.start().isAfter(part.end()));
    }

    // ---- flows --------------------------------------------------------------------------------------------

    @Test
    public void calleeTransfersTheCallerBlind() throws Exception {
        Party carol = device("1003", "transfer/uas-target.xml", s -> s.key("hold_ms", "1000").define("TRANSFEREE", "1001")
                .define("TRANSFEROR", "1002"));
        Party bob = device("1002", "transfer/uas-answer-refer.xml", s -> s.key("hold_ms", "500").key("refer_to", referTo("1003")));
        Sipp.Result alice = caller("calls/uac-call-callee-hangs-up.xml", "1001", "1002").run();
        Sipp.Result transferor = bob.await();
        Sipp.Result target = carol.await();
        passed("transferor (callee: 202, NOTIFY 100 then 200, BYE)", transferor);
        passed("transferee (caller)", alice);
        passed("target", target);
        relayed(target);
        List<CallDetailRecord> r = records(2);
        CallDetailRecord part = r.get(0);
        CallDetailRecord rest = r.get(1);
        assertLinked(part, rest);
        assertEquals(List.of("1001", "1002"), List.of(part.caller(), part.callee()));
        assertEquals(List.of("1001", "1003", "CALLEE_BYE"), List.of(rest.caller(), rest.callee(), rest.tag().name()));
        assertTrue(rest.answeredBy(), rest.answeredBy().startsWith("1003@"));
        waitFor("pbx:cdr-show of the transferor's part", 5000, () -> command("pbx:cdr-show " + part.id()).contains("Linked call"));
        String show = command("pbx:cdr-show " + part.id());
        assertTrue(show, show.contains(rest.id()) && show.contains("TRANSFERRED"));
    }

    /**
     * Regression (baresip): the transferor hangs up as soon as NOTIFY says 200, crossing the PBX's BYE, and answers
     * that BYE 481. Only its leg ends: the transferee and the target stay connected until the target hangs up.
     */
    @Test
    public void transferorHangingUpRightAfterTheNotifyLeavesTransfereeAndTargetConnected() throws Exception {
        Party carol = device("1003", "transfer/uas-target.xml", s -> s.key("hold_ms", "4000").define("TRANSFEREE", "1001")
                .define("TRANSFEROR", "1002"));
        Party bob = device("1002", "transfer/uas-answer-refer-bye.xml", s -> s.key("hold_ms", "500").key("refer_to", referTo("1003")));
        Sipp.Running alice = caller("calls/uac-call-callee-hangs-up.xml", "1001", "1002").start();
        passed("transferor (its BYE right after NOTIFY 200 answered 200, 481 to the PBX's BYE)", bob.await());
        List<org.plugboard.api.calls.CallInfo> live = calls.calls();
        assertEquals("the transferee and the target still talk: " + live, 1, live.size());
        assertEquals(List.of("1001", "1003", "CONNECTED"), List.of(live.get(0).caller(), live.get(0).callee(), live.get(0).state().name()));
        assertTrue("only the transferor's part is recorded so far: " + cdrs, cdrs.stream().allMatch(c -> c.tag() == CallTag.TRANSFERRED));
        Sipp.Result target = carol.await();
        Sipp.Result transferee = alice.await();
        passed("target (hangs up itself after 4 s)", target);
        passed("transferee (caller)", transferee);
        List<CallDetailRecord> r = records(2);
        CallDetailRecord rest = r.get(1);
        assertLinked(r.get(0), rest);
        assertEquals(List.of("1001", "1003", "CALLEE_BYE"), List.of(rest.caller(), rest.callee(), rest.tag().name()));
        assertTrue("the rest lasted until the target hung up: " + rest, rest.billableSeconds() >= 3);
    }

    @Test
    public void callerTransfersTheCalleeBlind() throws Exception {
        Party carol = device("1003", "transfer/uas-target.xml", s -> s.key("hold_ms", "1000").define("TRANSFEREE", "1002")
                .define("TRANSFEROR", "1001"));
        Party bob = device("1002", "calls/uas-answer.xml", s -> { });
        Sipp.Result alice = caller("transfer/uac-call-refer.xml", "1001", "1002").key("refer_to", referTo("1003")).run();
        Sipp.Result transferee = bob.await();
        Sipp.Result target = carol.await();
        passed("transferor (caller: 202, NOTIFY 100 then 200, BYE)", alice);
        passed("transferee (callee)", transferee);
        passed("target", target);
        relayed(target);
        List<CallDetailRecord> r = records(2);
        assertLinked(r.get(0), r.get(1));
        assertEquals(List.of("1001", "1002"), List.of(r.get(0).caller(), r.get(0).callee()));
        assertEquals(List.of("1002", "1003", "CALLEE_BYE"), List.of(r.get(1).caller(), r.get(1).callee(), r.get(1).tag().name()));
    }

    @Test
    public void transferRefusedByTheServiceOrWithoutOneIs403() throws Exception {
        refusal = new Outcome.Reject(403, "Transfer Not Permitted", 21, "1002 may not transfer", CallTag.SCREENED);
        refusedReferThenCalleeHangsUp(referTo("1003"), 403, "Transfer Not Permitted");
        transferService.unregister();
        transferService = null;
        refusedReferThenCalleeHangsUp(referTo("1003"), 403, "Transfer not enabled");
        for (CallDetailRecord r : records(2)) {
            assertEquals(CallTag.CALLEE_BYE, r.tag());
            assertNull(r.linkedCall());
        }
    }

    @Test
    public void referToThatCannotBeUsedIs400NamingTheHeader() throws Exception {
        refusedReferThenCalleeHangsUp("<<not a uri", 400, "Malformed Refer-To header");
        refusedReferThenCalleeHangsUp("<sip:127.0.0.1>", 400, "Bad Refer-To: no number in sip:127.0.0.1");
        refusedReferThenCalleeHangsUp("<sip:1003@127.0.0.1?Replaces=abc%3Bto-tag%3D1>", 400, "Bad Replaces: needs to-tag and from-tag");
        records(3);
    }

    @Test
    public void transferFeatureDecidesPerExtension() throws Exception {
        transferService.unregister(); // the feature is the only TRANSFER service from here on
        transferService = null;
        // live, as an integrator would: no other bundle is refreshed
        features.installFeature("pbx-transfer", java.util.EnumSet.of(org.apache.karaf.features.FeaturesService.Option.NoAutoRefreshBundles));
        waitFor("pbx:transfer-list", 30_000, () -> command("pbx:transfer-list").contains("Default: transfer on, to outside numbers off"));
        try {
            String off = command("pbx:transfer-permit 1002 off");
            assertTrue(off, off.contains("Transfer for 1002: off"));
            String bad = command("pbx:transfer-permit 9999 on");
            assertTrue(bad, bad.contains("Error: no extension 9999"));
            assertTrue(command("pbx:transfer-list").contains("1002"));
            refusedReferThenCalleeHangsUp(referTo("1003"), 403, "Transfer Not Permitted");
            String back = command("pbx:transfer-permit 1002 default --external default");
            assertTrue(back, back.contains("Transfer for 1002: default (on), to outside numbers: default (off)"));
            Party carol = device("1003", "transfer/uas-target.xml", s -> s.key("hold_ms", "500").define("TRANSFEREE", "1001")
                    .define("TRANSFEROR", "1002"));
            Party bob = device("1002", "transfer/uas-answer-refer.xml", s -> s.key("hold_ms", "300").key("refer_to", referTo("1003")));
            Sipp.Result alice = caller("calls/uac-call-callee-hangs-up.xml", "1001", "1002").run();
            passed("transferor allowed by pbx-transfer", bob.await());
            passed("target", carol.await());
            passed("transferee", alice);
            List<CallDetailRecord> r = records(3);
            assertEquals(CallTag.CALLEE_BYE, r.get(0).tag());
            assertLinked(r.get(1), r.get(2));
        } finally {
            features.uninstallFeature("pbx-transfer", java.util.EnumSet.of(org.apache.karaf.features.FeaturesService.Option.NoAutoRefreshBundles));
        }
    }

    private void refusedReferThenCalleeHangsUp(String referTo, int status, String reason) throws Exception {
        Party bob = device("1002", "transfer/uas-answer-refer-refused.xml", s -> s.key("hold_ms", "300").key("refer_to", referTo)
                .expect(status).define("REASON", reason.replaceAll("[^A-Za-z0-9 :-]", ".")));
        Sipp.Result alice = caller("calls/uac-call-callee-hangs-up.xml", "1001", "1002").run();
        Sipp.Result transferor = bob.await();
        passed("transferor refused with " + status + " " + reason, transferor);
        passed("caller", alice);
    }

    @Test
    public void attendedTransferWithReplaces() throws Exception {
        Path dialog = Files.createTempDirectory("transfer-it").resolve("consultation-dialog");
        // 1003 takes two INVITEs: the consultation call's, then the one with Replaces; each is hung up by the PBX
        Party carol = device("1003", "calls/uas-answer.xml", s -> s.calls(2).timeout(30));
        Sipp.Running consultation = sipp("transfer/uac-consult.xml").user("1002", password("1002")).service("1003").key("caller", "1002")
                .key("hold_ms", "8000").key("dialog_file", dialog.toString()).from("127.0.0.1", PORTS.getAndIncrement()).timeout(30).start();
        waitFor("the consultation call to be up", 10_000, () -> Files.exists(dialog));
        String[] d = Files.readString(dialog, StandardCharsets.UTF_8).trim().split(" ");
        String replaces = d[0].replace("@", "%40") + "%3Bto-tag%3D" + d[1] + "%3Bfrom-tag%3D" + d[2];
        Party bob = device("1002", "transfer/uas-answer-refer.xml", s -> s.key("hold_ms", "500")
                .key("refer_to", "<sip:1003@" + PBX + "?Replaces=" + replaces + ">"));
        Sipp.Result alice = caller("calls/uac-call.xml", "1001", "1002").key("hold_ms", "4000").run();
        Sipp.Result transferor = bob.await();
        Sipp.Result consulting = consultation.await();
        Sipp.Result target = carol.await();
        passed("transferee (caller)", alice);
        passed("transferor in the call (202, NOTIFY 100 then 200, BYE)", transferor);
        passed("transferor's consultation call", consulting);
        passed("target (two INVITEs)", target);

        Matcher invites = Pattern.compile("(?ms)^INVITE sip:.*?(?=^-{10,}|\\z)").matcher(target.messages());
        assertTrue(invites.find());
        String first = invites.group();
        assertTrue("a second INVITE:\n" + target.messages(), invites.find());
        String second = invites.group();
        Matcher callId = Pattern.compile("(?m)^Call-ID: *(\\S+)").matcher(first);
        assertTrue(callId.find());
        Matcher fromTag = Pattern.compile("(?m)^From:.*;tag=([^;\\s]+)").matcher(first);
        assertTrue(fromTag.find());
        Matcher carolTag = Pattern.compile("(?m)^To:.*;tag=(\\S+SIPpTag011)").matcher(target.messages());
        assertTrue("1003's tag in the consultation dialog", carolTag.find());
        assertTrue("the INVITE replaces 1003's consultation dialog:\n" + second, second.contains("Replaces: " + callId.group(1) + ";to-tag="
                + carolTag.group(1) + ";from-tag=" + fromTag.group(1)));
        assertTrue(second, second.contains("Require: replaces"));
        assertTrue(second, Pattern.compile("(?m)^From:.*sip:1001@").matcher(second).find());

        List<CallDetailRecord> r = records(3);
        CallDetailRecord part = r.stream().filter(x -> x.tag() == CallTag.TRANSFERRED && "1001".equals(x.caller())).findFirst().orElseThrow();
        CallDetailRecord replaced = r.stream().filter(x -> "1002".equals(x.caller())).findFirst().orElseThrow();
        CallDetailRecord rest = r.stream().filter(x -> "1003".equals(x.callee()) && "1001".equals(x.caller())).findFirst().orElseThrow();
        assertLinked(part, rest);
        assertEquals(CallTag.TRANSFERRED, replaced.tag());
        assertEquals("the consultation call names the call that replaced it", rest.id(), replaced.linkedCall());
        assertEquals(CallTag.CALLER_BYE, rest.tag());
    }
}
