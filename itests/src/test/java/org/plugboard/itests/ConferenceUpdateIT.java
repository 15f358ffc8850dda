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
 * A meet-me room with three callers (SIPp signalling, {@link RtpPhone} audio, each its own tone) across
 * {@code bundle:update org.plugboard.media}, {@code bundle:update org.plugboard.conference} and
 * {@code feature:uninstall}/{@code feature:install pbx-conference}: after each step no call is dropped (every SIPp
 * caller still runs), the next version of the media engine lists the room with its three members, the conference
 * console lists the three callers, and each caller hears the other two tones and not its own. At the end the new
 * version kicks the three (their flows run on the first version's code): the PBX hangs up each, with the
 * administrator's tag in the CDR. Before the media engine handed its legs and rooms over, the update ended the three
 * calls. SIP client ports 17800-17802, RTP 17820-17822.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConferenceUpdateIT extends PbxTestSupport {
    private static final double[] TONES = {440, 1100, 1700};
    private static final String[] EXTENSIONS = {"1001", "1002", "1003"};
    private static final String ROOM = "880";

    @Inject
    @Filter(timeout = 60_000)
    protected CallControl calls;

    private final List<CallDetailRecord> cdrs = new CopyOnWriteArrayList<>();
    private ServiceRegistration<CdrSink> sink;
    private final List<RtpPhone> phones = new ArrayList<>();

    @Before
    public void aRoom() throws Exception {
        ensureFeature(features, "pbx-conference", "pbx:conf-list", "room(s)");
        command("pbx:conf-remove " + ROOM);
        assertCommand("pbx:conf-add " + ROOM + " --name Updates --max 4", "Conference room " + ROOM + " 'Updates' added");
        sink = collectCdrs(cdrs);
    }

    @After
    public void noCallLeftBehind() throws Exception {
        if (sink != null) {
            sink.unregister();
        }
        for (RtpPhone p : phones) {
            p.close();
        }
        assertNoCallLeftBehind(calls);
    }

    @Test
    public void membersKeepHearingEachOtherAcrossMediaAndConferenceUpdatesAndAReinstall() throws Exception {
        Sipp.Running[] c = new Sipp.Running[3];
        for (int i = 0; i < 3; i++) {
            phones.add(new RtpPhone(17820 + i));
            c[i] = sipp("voicemail/uac-until-hangup.xml").user(EXTENSIONS[i], password(EXTENSIONS[i])).service(ROOM)
                    .key("caller", EXTENSIONS[i]).key("aport", Integer.toString(17820 + i)).from("127.0.0.1", 17800 + i)
                    .timeout(120).start();
            phones.get(i).awaitAudio(10_000);
            awaitMembers(i + 1);
        }
        talkAndListen("before any update", c);

        long media = bundleOf("org.plugboard.media").getLastModified();
        bundleOf("org.plugboard.media").update();
        assertTrue("a new revision of the media bundle", bundleOf("org.plugboard.media").getLastModified() != media);
        waitFor("the next media engine's room with the three members", 20_000,
                () -> command("pbx:media-conferences").split("conf-" + ROOM, -1).length - 1 == 3);
        talkAndListen("after bundle:update org.plugboard.media", c);

        bundleOf("org.plugboard.conference").update();
        waitFor("pbx:conf-list after the update", 20_000, () -> command("pbx:conf-list").contains("room(s)"));
        awaitMembers(3);
        talkAndListen("after bundle:update org.plugboard.conference", c);

        features.uninstallFeature("pbx-conference");
        features.installFeature("pbx-conference");
        waitFor("pbx:conf-list after the install", 20_000, () -> command("pbx:conf-list").contains("room(s)"));
        awaitMembers(3);
        talkAndListen("after feature:uninstall and feature:install pbx-conference", c);

        for (int i = 0; i < 3; i++) {
            assertCommand("pbx:conf-kick " + ROOM + " " + EXTENSIONS[i], "removed from conference " + ROOM);
            Sipp.Result kicked = c[i].await();
            passed(EXTENSIONS[i] + " removed by the administrator after all the updates", kicked);
            CallDetailRecord cdr = cdrOf(cdrs, kicked);
            assertEquals(cdr.toString(), CallTag.ADMIN_HANGUP, cdr.tag());
            assertTrue(cdr.toString(), cdr.reason().contains("removed from conference " + ROOM));
        }
        waitFor("the room empty", 10_000, () -> command("pbx:conf-list").contains("0 caller(s) in them"));
        waitFor("the engine's room closed", 10_000, () -> !command("pbx:media-conferences").contains("conf-" + ROOM));
    }

    private void awaitMembers(int members) throws InterruptedException {
        Pattern row = Pattern.compile("(?m)^\\s*" + ROOM + "\\b.*\\b" + members + "/");
        waitFor("room " + ROOM + " with " + members + " member(s)", 15_000, () -> row.matcher(command("pbx:conf-list")).find());
    }

    /** No call dropped; all three talk at once for 2 s: each hears the other two tones, not its own. */
    private void talkAndListen(String when, Sipp.Running[] c) throws Exception {
        for (int i = 0; i < 3; i++) {
            assertTrue(EXTENSIONS[i] + "'s call is up " + when, c[i].running());
        }
        short[][] heardAll = RtpPhone.talkAtOnce(phones.toArray(RtpPhone[]::new), TONES, 2000, 2.0);
        for (int i = 0; i < 3; i++) {
            short[] heard = heardAll[i];
            for (int j = 0; j < 3; j++) {
                double s = RtpPhone.secondsWith(heard, TONES[j], 0.25);
                if (i == j) {
                    assertTrue(EXTENSIONS[i] + " hears itself " + when + ": " + s + " s", s < 0.3);
                } else {
                    assertTrue(EXTENSIONS[i] + " hears " + EXTENSIONS[j] + " for only " + s + " s " + when, s > 1.2);
                }
            }
        }
    }
}
