package org.plugboard.itests;

import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.plugboard.api.media.Conference;
import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.media.Side;

/**
 * A mixing room of the in-process engine in the real distribution: two legs answered to test sockets, one talking
 * (heard by the other, not by itself), one muted; {@code pbx:media-conferences} lists them; a bundle update of the
 * media bundle hands the room and its legs to the next version, which lists them (the muted one still muted) and
 * mixes them as before; the old leg and room objects the test holds forward to it (close).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MixIT extends PbxTestSupport {
    @Inject
    @Filter(value = "(plugboard.media.engine=local)", timeout = 60_000)
    MediaGateway local;

    @Override
    protected Option[] extraOptions() {
        return new Option[] {
            editConfigurationFilePut("etc/org.plugboard.media.cfg", "port.min", "32000"),
            editConfigurationFilePut("etc/org.plugboard.media.cfg", "port.max", "32099"),
        };
    }

    private static String offer(int port) {
        return "v=0\r\no=it 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " + port
                + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n";
    }

    @Test
    public void aRoomMixesLegsTheConsoleListsItAndAnUpdateHandsItOver() throws Exception {
        try (RtpPhone talker = new RtpPhone(17950); RtpPhone muted = new RtpPhone(17951)) {
            MediaEndpoint a = local.endpoint("mix-it-a", Side.CALLER);
            MediaEndpoint b = local.endpoint("mix-it-b", Side.CALLER);
            a.answer(offer(talker.port()), "127.0.0.1", "127.0.0.1");
            b.answer(offer(muted.port()), "127.0.0.1", "127.0.0.1");
            Conference room = local.conference("it-room").toCompletableFuture().get(10, TimeUnit.SECONDS);
            room.join(a, false).toCompletableFuture().get(10, TimeUnit.SECONDS);
            room.join(b, true).toCompletableFuture().get(10, TimeUnit.SECONDS);
            talker.awaitAudio(5000); // the room sends every member its mix from the first tick
            muted.awaitAudio(5000);

            String listed = command("pbx:media-conferences");
            assertTrue(listed, listed.contains("it-room") && listed.contains(a.id()) && listed.contains(b.id())
                    && listed.contains("yes") && listed.contains("1 room(s)"));

            talker.sendTone(1000, 1500);
            muted.sendTone(600, 1500);
            double end = talker.secondsHeard() + 0.5;
            waitFor("half a second more of the room at both legs", 5000,
                    () -> talker.secondsHeard() > end && muted.secondsHeard() > end);
            assertTrue("the muted leg hears the talker: " + muted.toneHeard(1000), muted.toneHeard(1000) > 1.0);
            assertTrue("the talker does not hear itself: " + talker.toneHeard(1000), talker.toneHeard(1000) < 0.1);
            assertTrue("the muted leg is not heard: " + talker.toneHeard(600), talker.toneHeard(600) < 0.1);

            bundleOf("org.plugboard.media").update();
            waitFor("the new version lists the room with both legs", 30_000, () -> {
                String now = command("pbx:media-conferences");
                return now.contains("it-room") && now.contains(a.id()) && now.contains(b.id()) && now.contains("yes");
            });
            assertTrue("the old objects are the next version's legs", !a.closed() && !b.closed());
            int talkerMark = talker.mark();
            int mutedMark = muted.mark();
            talker.sendTone(1000, 1500);
            muted.sendTone(600, 1500);
            double after = talker.secondsHeard() + 0.5;
            waitFor("half a second more of the room after the update", 5000,
                    () -> talker.secondsHeard() > after && muted.secondsHeard() > after);
            short[] atMuted = muted.samplesSince(mutedMark);
            short[] atTalker = talker.samplesSince(talkerMark);
            assertTrue("the muted leg still hears the talker", RtpPhone.secondsWith(atMuted, 1000, 0.25) > 1.0);
            assertTrue("the talker still does not hear itself", RtpPhone.secondsWith(atTalker, 1000, 0.25) < 0.1);
            assertTrue("the muted leg is still not heard", RtpPhone.secondsWith(atTalker, 600, 0.25) < 0.1);

            a.close();
            b.close();
            assertTrue(a.closed() && b.closed());
            room.close();
            waitFor("the next version's room closed through the old object", 30_000,
                    () -> command("pbx:media-conferences").contains("0 room(s)"));
        }
    }
}
