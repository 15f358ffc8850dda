package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrSink;

/**
 * Meet-me conferences (feature pbx-conference, installed live) mixed by the local engine, with real RTP: each SIPp
 * caller's audio is an {@link RtpPhone} of the test. Three callers in room 870 each send their own tone at once: each
 * hears the other two tones and not its own; the join beep (600 then 900 Hz) reaches those already in, the leave beep
 * (900 then 600 Hz) those who stay when one is kicked ({@code pbx:conf-kick}, its record says why). A room with a PIN
 * refuses three wrong PINs (403, tag NOT_PERMITTED) and lets the right one in; a room of two refuses a third caller
 * with the busy tone (tag CALL_LIMIT). Console errors name the problem and the fix.
 * SIP client ports 17700-17709, RTP 17720-17729.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConferenceIT extends PbxTestSupport {
    private static final double[] TONES = {440, 1100, 1700}; // none is a beep's (600, 900, 1400 Hz)
    private static final double BEEP_LOW = 600;
    private static final double BEEP_HIGH = 900;

    @Inject
    @Filter(timeout = 60_000)
    protected CallControl calls;

    private final List<CallDetailRecord> cdrs = new CopyOnWriteArrayList<>();
    private ServiceRegistration<CdrSink> sink;
    private final List<AutoCloseable> phones = new ArrayList<>();

    @Before
    public void installTheFeature() throws Exception {
        ensureFeature(features, "pbx-conference", "pbx:conf-list", "room(s)");
        for (String room : List.of("870", "871", "872")) {
            command("pbx:conf-remove " + room);
        }
        assertCommand("pbx:conf-add 870 --name All hands", "Error"); // a stray word: refused, names the options
        assertCommand("pbx:conf-add 870 --name Allhands --max 3", "Conference room 870 'Allhands' added: no PIN, at most 3 members");
        assertCommand("pbx:conf-add 871 --pin 2468 --max 3", "PIN asked");
        assertCommand("pbx:conf-add 872 --max 2", "at most 2 members");
        sink = collectCdrs(cdrs);
    }

    @After
    public void noCallLeftBehind() throws Exception {
        if (sink != null) {
            sink.unregister();
        }
        for (AutoCloseable p : phones) {
            p.close();
        }
        assertNoCallLeftBehind(calls);
    }

    private RtpPhone phone(int port) throws Exception {
        RtpPhone p = new RtpPhone(port);
        phones.add(p);
        return p;
    }

    /** A caller in {@code room} until the PBX hangs up. */
    private Sipp.Running caller(String extension, String room, int sipPort, RtpPhone phone) throws Exception {
        return sipp("voicemail/uac-until-hangup.xml").user(extension, password(extension)).service(room).key("caller", extension)
                .key("aport", Integer.toString(phone.port())).from("127.0.0.1", sipPort).timeout(90).start();
    }

    private void awaitMembers(String room, int members) throws InterruptedException {
        Pattern row = Pattern.compile("(?m)^\\s*" + room + "\\b.*\\b" + members + "/");
        waitFor("room " + room + " with " + members + " member(s)", 15_000, () -> row.matcher(command("pbx:conf-list")).find());
    }

    /** Waits until {@code phone} got {@code seconds} of audio after {@code mark}, and returns it. */
    private static short[] audioAfter(RtpPhone phone, int mark, double seconds) throws InterruptedException {
        waitFor(seconds + " s of audio", 10_000, () -> phone.samplesSince(mark).length >= seconds * 8000);
        return phone.samplesSince(mark);
    }

    /** What {@code phone} got since {@code mark}, once 0.8 s more than it has now came (a beep lasts 0.35 s). */
    private static short[] heardSince(RtpPhone phone, int mark) throws InterruptedException {
        int now = phone.mark();
        audioAfter(phone, now, 0.8);
        return phone.samplesSince(mark);
    }

    /**
     * Until the last 0.2 s {@code phone} got carries none of the talkers' tones: the phones' sending threads start
     * apart, so one's tone can still be on its way when another has heard its 3 s.
     */
    private static void awaitTonesOver(RtpPhone phone) throws InterruptedException {
        waitFor("the talkers' tones to have come through to " + phone.port(), 5_000, () -> {
            short[] last = phone.samplesSince(Math.max(0, phone.mark() - 1600));
            return last.length == 1600 && java.util.Arrays.stream(TONES).allMatch(hz -> RtpPhone.secondsWith(last, hz, 0.25) == 0);
        });
    }

    /** A rising (join) or falling (leave) beep: both notes there, in that order. */
    private static void assertBeep(String who, short[] pcm, double first, double second) {
        int a = RtpPhone.firstFrameWith(pcm, first, 0.5);
        int b = RtpPhone.firstFrameWith(pcm, second, 0.5);
        assertTrue(who + " heard the beep: " + first + " Hz at frame " + a + ", " + second + " Hz at frame " + b, a >= 0 && b > a);
    }

    @Test
    public void threeCallersHearTheOtherTwoAndNotThemselvesWithJoinAndLeaveBeeps() throws Exception {
        RtpPhone[] p = {phone(17720), phone(17721), phone(17722)};
        String[] ext = {"1001", "1002", "1003"};
        Sipp.Running[] c = new Sipp.Running[3];

        c[0] = caller(ext[0], "870", 17700, p[0]);
        p[0].awaitAudio(10_000);
        awaitMembers("870", 1);
        int before = p[0].mark();
        c[1] = caller(ext[1], "870", 17701, p[1]);
        p[1].awaitAudio(10_000);
        awaitMembers("870", 2);
        assertBeep("1001 when 1002 joined", heardSince(p[0], before), BEEP_LOW, BEEP_HIGH);
        c[2] = caller(ext[2], "870", 17702, p[2]);
        p[2].awaitAudio(10_000);
        awaitMembers("870", 3);
        String list = command("pbx:conf-list");
        assertTrue(list, list.contains("1001") && list.contains("1002") && list.contains("1003") && list.contains("Allhands"));

        // everyone talks at once, each its own tone
        short[][] heardAll = RtpPhone.talkAtOnce(p, TONES, 3000, 3.0);
        for (int i = 0; i < 3; i++) {
            short[] heard = heardAll[i];
            for (int j = 0; j < 3; j++) {
                double s = RtpPhone.secondsWith(heard, TONES[j], 0.25);
                if (i == j) {
                    assertTrue(ext[i] + " hears itself: " + TONES[j] + " Hz for " + s + " s", s < 0.3);
                } else {
                    assertTrue(ext[i] + " hears " + ext[j] + "'s " + TONES[j] + " Hz for only " + s + " s", s > 2.0);
                }
            }
        }

        // 1003 is removed: the two who stay hear the leave beep; its record says why. The talkers' tones first come
        // through to the end: a tail of one still in the mix would drown the beep's first note.
        awaitTonesOver(p[0]);
        awaitTonesOver(p[1]);
        int[] leaveMarks = {p[0].mark(), p[1].mark()};
        assertCommand("pbx:conf-kick 870 1003", "Member 1003 removed from conference 870");
        Sipp.Result kicked = c[2].await();
        passed("1003 removed by the administrator (the PBX hangs up)", kicked);
        awaitMembers("870", 2);
        assertBeep("1001 when 1003 left", heardSince(p[0], leaveMarks[0]), BEEP_HIGH, BEEP_LOW);
        assertBeep("1002 when 1003 left", heardSince(p[1], leaveMarks[1]), BEEP_HIGH, BEEP_LOW);
        CallDetailRecord cdr = cdrOf(cdrs, kicked);
        assertEquals(cdr.toString(), CallTag.ADMIN_HANGUP, cdr.tag());
        assertTrue(cdr.toString(), cdr.reason().contains("removed from conference 870 by the administrator"));

        assertCommand("pbx:conf-kick 870 1009", "Error: no member '1009' in conference 870");
        assertCommand("pbx:conf-mute 870 1002", "Member 1002 of conference 870 muted");
        assertTrue(command("pbx:conf-list").contains("(muted)"));
        passedAfterKick("870", "1002", c[1]);
        passedAfterKick("870", "1001", c[0]);
        waitFor("room 870 empty", 10_000, () -> command("pbx:conf-list").contains("0 caller(s) in them"));
        assertCommand("pbx:conf-kick 870 1001", "Error: nobody is in conference 870 now");
    }

    private void passedAfterKick(String room, String member, Sipp.Running caller) throws Exception {
        assertCommand("pbx:conf-kick " + room + " " + member, "removed from conference " + room);
        passed(member + " removed", caller.await());
    }

    @Test
    public void threeWrongPinsAre403AndTheRightOneLetsTheCallerIn() throws Exception {
        RtpPhone guesser = phone(17723);
        Sipp.Running c = caller("1001", "871", 17703, guesser);
        guesser.awaitAudio(10_000); // "Please enter your PIN"
        guesser.sendDigits("1111#2222#3333#"); // typed ahead: each collection takes its own
        Sipp.Result refused = c.await();
        passed("three wrong PINs: the PBX hangs up", refused);
        CallDetailRecord cdr = cdrOf(cdrs, refused);
        assertEquals(cdr.toString(), CallTag.NOT_PERMITTED, cdr.tag());
        assertTrue(cdr.toString(), cdr.reason().contains("conference 871: wrong PIN 3 times"));
        assertTrue(command("pbx:conf-list").contains("0 caller(s) in them"));

        RtpPhone member = phone(17724);
        Sipp.Running in = caller("1002", "871", 17704, member);
        member.awaitAudio(10_000);
        member.sendDigits("2468#");
        awaitMembers("871", 1);
        passedAfterKick("871", "1002", in);
    }

    @Test
    public void aFullRoomGivesTheBusyToneAndRefusesWithCallLimit() throws Exception {
        RtpPhone a = phone(17725);
        RtpPhone b = phone(17726);
        RtpPhone third = phone(17727);
        Sipp.Running ca = caller("1001", "872", 17705, a);
        awaitMembers("872", 1);
        Sipp.Running cb = caller("1002", "872", 17706, b);
        awaitMembers("872", 2);

        Sipp.Result refused = caller("1003", "872", 17707, third).await();
        passed("a third caller in a room of two: busy tone, then the PBX hangs up", refused);
        assertTrue("the busy tone (US: 480+620 Hz) for " + third.secondsHeard() + " s", third.secondsHeard() >= 1.0
                && RtpPhone.secondsWith(third.samplesSince(0), 480, 0.2) >= 0.5);
        CallDetailRecord cdr = cdrOf(cdrs, refused);
        assertEquals(cdr.toString(), CallTag.CALL_LIMIT, cdr.tag());
        assertTrue(cdr.toString(), cdr.reason().contains("conference 872 is full (2 members)"));
        awaitMembers("872", 2);

        passedAfterKick("872", "1001", ca);
        passedAfterKick("872", "1002", cb);
    }

    @Test
    public void consoleErrorsNameTheProblemAndTheFix() {
        assertCommand("pbx:conf-add 1001", "Error: 1001 is an extension's number");
        assertCommand("pbx:conf-add 870", "Error: room 870 exists already; pbx:conf-remove 870 first");
        assertCommand("pbx:conf-add 8x0", "Error: room number '8x0' is not 2 to 15 digits");
        assertCommand("pbx:conf-add 873 --max 1", "Error: max members 1 is not 2 to 100");
        assertCommand("pbx:conf-add 873 --pin abc", "Error: PIN 'abc' is not up to 12 digits");
        assertCommand("pbx:conf-remove 879", "Error: no room 879; pbx:conf-list shows the rooms");
        assertCommand("pbx:conf-mute 870 1", "Error: nobody is in conference 870 now");
    }
}
