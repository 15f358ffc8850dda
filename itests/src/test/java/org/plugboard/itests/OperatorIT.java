package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.ServiceRegistration;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrSink;

/**
 * The operator codes (feature pbx-operator, installed live; pbx-dnd for the override) with real RTP: 1001 calls 1002,
 * both parties' audio an {@link RtpPhone} of the test; 1003 holds the operator permission. Barge-in (*88): the
 * parties hear the warning beep, then each of the three hears the other two tones and not its own; when the operator
 * hangs up the call relays again; the call's record notes the barge-in. Listen (*89): the operator hears both, the
 * parties do not hear the operator; when the call ends the operator's leg is hung up. Override (*87) rings 1002
 * through its DND. 1001 without the permission gets 403 and its record says why (tag NOT_PERMITTED).
 * A barge-in across {@code bundle:update org.plugboard.media} keeps its mix. SIP client ports 17750-17759, RTP 17770-17779.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OperatorIT extends PbxTestSupport {
    private static final int SIP_A = 17750;
    private static final int SIP_B = 17751;
    private static final int SIP_OP = 17752;
    private static final double TONE_A = 440;
    private static final double TONE_B = 1100;
    private static final double TONE_OP = 1700;
    private static final double WARNING = 1400;
    private static final Pattern AUDIO_PORT = Pattern.compile("m=audio (\\d+)");

    @Inject
    @Filter(timeout = 60_000)
    protected CallControl calls;

    private final List<CallDetailRecord> cdrs = new CopyOnWriteArrayList<>();
    private ServiceRegistration<CdrSink> sink;
    private final List<RtpPhone> phones = new ArrayList<>();

    @Before
    public void installTheFeature() throws Exception {
        ensureFeature(features, "pbx-operator", "pbx:operator-list", "with the operator permission");
        ensureFeature(features, "pbx-dnd", "pbx:dnd-list", "extension(s) with settings");
        assertCommand("pbx:operator-deny 1001", "Operator permission taken from 1001");
        assertCommand("pbx:operator-allow 1003", "Operator permission granted to 1003");
        assertCommand("pbx:operator-list", "1 extension(s) with the operator permission");
        sink = collectCdrs(cdrs);
    }

    @After
    public void noCallLeftBehind() throws Exception {
        if (sink != null) {
            sink.unregister();
        }
        phones.forEach(RtpPhone::close);
        command("pbx:dnd 1002 off");
        assertNoCallLeftBehind(calls);
    }

    private RtpPhone phone(int port) throws Exception {
        RtpPhone p = new RtpPhone(port);
        phones.add(p);
        return p;
    }

    /** The relay's port in the SDP the PBX sent this SIPp peer (the one that is not the peer's own {@code aport}). */
    private static int relayPort(Sipp.Running peer, int aport) throws InterruptedException {
        int[] found = {-1};
        waitFor("the PBX's SDP", 10_000, () -> {
            Matcher m = AUDIO_PORT.matcher(peer.messages());
            while (m.find()) {
                int port = Integer.parseInt(m.group(1));
                if (port != aport) {
                    found[0] = port;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** A call 1001 -> 1002 up, both phones able to talk. */
    private final class TwoParty {
        final RtpPhone a;
        final RtpPhone b;
        final Sipp.Running callee;
        final Sipp.Running caller;

        TwoParty(int portA, int portB) throws Exception {
            a = phone(portA);
            b = phone(portB);
            register("1002", SIP_B);
            callee = sipp("operator/uas-answer-audio.xml").server().user("1002", password("1002")).key("aport", Integer.toString(b.port()))
                    .from("127.0.0.1", SIP_B).timeout(90).start();
            caller = sipp("voicemail/uac-until-hangup.xml").user("1001", password("1001")).service("1002").key("caller", "1001")
                    .key("aport", Integer.toString(a.port())).from("127.0.0.1", SIP_A).timeout(90).start();
            waitFor("1001 and 1002 connected", 10_000, () -> call("1001") != null && call("1001").state() == CallState.CONNECTED);
            a.sendTo(relayPort(caller, a.port()));
            b.sendTo(relayPort(callee, b.port()));
            // a moment of silence each way: the relay latches, and later sends each its own law (PCMU)
            a.sendTone(0, 300);
            waitFor("1001's audio at 1002", 5000, () -> b.secondsHeard() > 0);
            b.sendTone(0, 300);
            waitFor("1002's audio at 1001", 5000, () -> a.secondsHeard() > 0);
        }

        /** Hangs the call up from the console's side: both SIPp peers get the PBX's BYE. */
        Sipp.Result end() throws Exception {
            CallInfo c = call("1001");
            assertTrue("the call is up", c != null && calls.hangup(c.id(), CallTag.ADMIN_HANGUP));
            Sipp.Result r = caller.await();
            passed("1001 (the PBX hangs up)", r);
            passed("1002 (the PBX hangs up)", callee.await());
            unregister("1002", SIP_B);
            return r;
        }
    }

    private CallInfo call(String caller) {
        return calls.calls().stream().filter(c -> c.caller().equals(caller)).findFirst().orElse(null);
    }

    private Sipp.Running operator(String dialled, RtpPhone phone) throws Exception {
        return sipp("voicemail/uac-until-hangup.xml").user("1003", password("1003")).service(dialled).key("caller", "1003")
                .key("aport", Integer.toString(phone.port())).from("127.0.0.1", SIP_OP).timeout(90).start();
    }

    /** Each phone sends its tone for 3 s, all at once; returns what each heard meanwhile. */
    private static short[][] talk(RtpPhone[] phones, double[] tones) throws Exception {
        return RtpPhone.talkAtOnce(phones, tones, 3000, 2.8); // 3 s sent: a relayed stream brings no more
    }

    private static void assertHears(String who, short[] heard, double hz) {
        double s = RtpPhone.secondsWith(heard, hz, 0.25);
        assertTrue(who + " hears " + hz + " Hz for only " + s + " s", s > 2.0);
    }

    private static void assertNotHears(String who, short[] heard, double hz) {
        double s = RtpPhone.secondsWith(heard, hz, 0.25);
        assertTrue(who + " hears " + hz + " Hz for " + s + " s", s < 0.3);
    }

    @Test
    public void bargeInThreeWayEachHearsTheOtherTwoAndTheCallRelaysAgainAfter() throws Exception {
        TwoParty call = new TwoParty(17770, 17771);
        RtpPhone op = phone(17772);
        int markA = call.a.mark();
        Sipp.Running operator = operator("*881002", op);
        op.awaitAudio(10_000);
        waitFor("the warning beep at 1001", 10_000, () -> RtpPhone.secondsWith(call.a.samplesSince(markA), WARNING, 0.5) >= 0.2);

        short[][] heard = talk(new RtpPhone[] {call.a, call.b, op}, new double[] {TONE_A, TONE_B, TONE_OP});
        assertHears("1001", heard[0], TONE_B);
        assertHears("1001", heard[0], TONE_OP);
        assertNotHears("1001", heard[0], TONE_A);
        assertHears("1002", heard[1], TONE_A);
        assertHears("1002", heard[1], TONE_OP);
        assertNotHears("1002", heard[1], TONE_B);
        assertHears("the operator", heard[2], TONE_A);
        assertHears("the operator", heard[2], TONE_B);
        assertNotHears("the operator", heard[2], TONE_OP);

        // the operator hangs up: the call goes on, relayed as before
        CallInfo mine = call("1003");
        assertTrue(calls.hangup(mine.id(), CallTag.ADMIN_HANGUP));
        passed("the operator's leg", operator.await());
        waitFor("the operator's call gone", 10_000, () -> call("1003") == null);
        short[][] after = talk(new RtpPhone[] {call.a, call.b}, new double[] {TONE_A, TONE_B});
        assertHears("1002 after the operator left", after[1], TONE_A);
        assertHears("1001 after the operator left", after[0], TONE_B);

        CallDetailRecord cdr = cdrOf(cdrs, call.end());
        assertTrue(cdr.toString(), cdr.notes().contains("operator 1003 barged in"));
    }

    /**
     * {@code bundle:update org.plugboard.media} during a barge-in: the engine hands the call, the operator's leg and the
     * mix to its next version: no call drops (both SIPp legs and the operator's still run) and the three still hear
     * each other; the operator hanging up then leaves the call relayed as before.
     */
    @Test
    public void bargeInKeepsItsMixAcrossAMediaBundleUpdate() throws Exception {
        TwoParty call = new TwoParty(17776, 17777);
        RtpPhone op = phone(17778);
        Sipp.Running operator = operator("*881002", op);
        op.awaitAudio(10_000);
        waitFor("the barge-in noted", 10_000, () -> call("1003") != null && call("1003").state() == CallState.CONNECTED);

        long before = bundleOf("org.plugboard.media").getLastModified();
        bundleOf("org.plugboard.media").update();
        assertTrue("a new revision of the media bundle", bundleOf("org.plugboard.media").getLastModified() != before);
        waitFor("the media bundle active again", 30_000,
                () -> bundleOf("org.plugboard.media").getState() == org.osgi.framework.Bundle.ACTIVE);
        assertTrue("no call dropped", call.caller.running() && call.callee.running() && operator.running());

        short[][] heard = talk(new RtpPhone[] {call.a, call.b, op}, new double[] {TONE_A, TONE_B, TONE_OP});
        assertHears("1001 after the update", heard[0], TONE_B);
        assertHears("1001 after the update", heard[0], TONE_OP);
        assertNotHears("1001 after the update", heard[0], TONE_A);
        assertHears("1002 after the update", heard[1], TONE_A);
        assertHears("1002 after the update", heard[1], TONE_OP);
        assertHears("the operator after the update", heard[2], TONE_A);
        assertHears("the operator after the update", heard[2], TONE_B);
        assertNotHears("the operator after the update", heard[2], TONE_OP);

        assertTrue(calls.hangup(call("1003").id(), CallTag.ADMIN_HANGUP));
        passed("the operator's leg", operator.await());
        waitFor("the operator's call gone", 10_000, () -> call("1003") == null);
        short[][] after = talk(new RtpPhone[] {call.a, call.b}, new double[] {TONE_A, TONE_B});
        assertHears("1002 after the operator left", after[1], TONE_A);
        assertHears("1001 after the operator left", after[0], TONE_B);
        call.end();
    }

    @Test
    public void listenOnlyTheOperatorHearsBothAndIsNotHeardThenHungUpWithTheCall() throws Exception {
        TwoParty call = new TwoParty(17773, 17774);
        RtpPhone op = phone(17775);
        Sipp.Running operator = operator("*891002", op);
        op.awaitAudio(10_000);

        short[][] heard = talk(new RtpPhone[] {call.a, call.b, op}, new double[] {TONE_A, TONE_B, TONE_OP});
        assertHears("1001", heard[0], TONE_B);
        assertNotHears("1001", heard[0], TONE_OP);
        assertHears("1002", heard[1], TONE_A);
        assertNotHears("1002", heard[1], TONE_OP);
        assertHears("the operator", heard[2], TONE_A);
        assertHears("the operator", heard[2], TONE_B);

        CallDetailRecord cdr = cdrOf(cdrs, call.end());
        assertTrue(cdr.toString(), cdr.notes().contains("operator 1003 listened"));
        Sipp.Result op1003 = operator.await();
        passed("the operator's leg, hung up when the call ended", op1003);
        CallDetailRecord mine = cdrOf(cdrs, op1003);
        assertTrue("hung up normally: " + mine, mine.sipStatus() < 400 || mine.sipStatus() == 487);
    }

    @Test
    public void overrideRingsAnExtensionWithDndOn() throws Exception {
        assertCommand("pbx:dnd 1002 on", "DND on for 1002");
        Sipp.Result normal = sipp("calls/uac-expect-final.xml").user("1001", password("1001")).service("1002").key("caller", "1001")
                .from("127.0.0.1", SIP_A).timeout(20).expect(486).run();
        passed("1001 -> 1002 with DND on: 486", normal);

        register("1002", SIP_B);
        try {
            Sipp.Running callee = sipp("calls/uas-answer.xml").server().user("1002", password("1002")).from("127.0.0.1", SIP_B)
                    .timeout(25).start();
            Sipp.Result op = sipp("calls/uac-call.xml").user("1003", password("1003")).service("*871002").key("caller", "1003")
                    .key("hold_ms", "500").from("127.0.0.1", SIP_OP).timeout(20).run();
            passed("the operator's override reaches 1002 through its DND", op);
            passed("1002 answers the override", callee.await());
            CallDetailRecord cdr = cdrOf(cdrs, op);
            assertEquals(cdr.toString(), "1002", cdr.finalCallee());
            assertTrue(cdr.toString(), cdr.notes().contains("operator override by 1003"));
        } finally {
            unregister("1002", SIP_B);
        }
    }

    @Test
    public void withoutThePermissionACodeIs403AndTheRecordSaysWhy() throws Exception {
        Sipp.Result refused = sipp("calls/uac-expect-final.xml").user("1001", password("1001")).service("*881002").key("caller", "1001")
                .from("127.0.0.1", SIP_A).timeout(20).expect(403).run();
        passed("1001 dials *881002 without the permission: 403", refused);
        CallDetailRecord cdr = cdrOf(cdrs, refused);
        assertEquals(cdr.toString(), CallTag.NOT_PERMITTED, cdr.tag());
        assertEquals(403, cdr.sipStatus());
        assertTrue(cdr.toString(), cdr.reason().contains("operator permission required for *88"));

        assertCommand("pbx:operator-allow 9999", "Error: no extension 9999");
    }
}
