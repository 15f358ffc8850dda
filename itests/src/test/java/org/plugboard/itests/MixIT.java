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
 * media bundle closes the room (legs are not handed over).
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
    public void aRoomMixesLegsTheConsoleListsItAndAnUpdateClosesIt() throws Exception {
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
            waitFor("the legs closed with the old version", 30_000, () -> a.closed() && b.closed());
            assertTrue(room.members().toString(), room.members().isEmpty());
            waitFor("the new version lists no room", 30_000,
                    () -> command("pbx:media-conferences").contains("0 room(s)"));
        }
    }
}
