package org.plugboard.bench.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

class SdpTest {
    @Test
    void ourOwnSdpReadsBack() {
        assertEquals(new InetSocketAddress("127.0.0.1", 56002), Sdp.audioTarget(Sdp.audio("127.0.0.1", 56002, 7)));
    }

    @Test
    void mediaLevelConnectionWinsOverSessionLevel() {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.9\r\ns=-\r\nc=IN IP4 127.0.0.9\r\nt=0 0\r\n"
                + "m=audio 50010 RTP/AVP 0\r\nc=IN IP4 127.0.0.2\r\na=rtcp:50011\r\n";
        assertEquals(new InetSocketAddress("127.0.0.2", 50010), Sdp.audioTarget(sdp));
    }

    @Test
    void firstAudioLineOnlyAndLfLineEndings() {
        String sdp = "v=0\nc=IN IP4 127.0.0.1\nm=video 40000 RTP/AVP 96\nm=audio 50020 RTP/AVP 0\nm=audio 50030 RTP/AVP 0\n";
        assertEquals(new InetSocketAddress("127.0.0.1", 50020), Sdp.audioTarget(sdp));
    }

    @Test
    void refusedOrMissingAudioIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Sdp.audioTarget("v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 0 RTP/AVP 0\r\n"));
        assertThrows(IllegalArgumentException.class, () -> Sdp.audioTarget("v=0\r\nm=audio 5000 RTP/AVP 0\r\n"));
        assertThrows(IllegalArgumentException.class, () -> Sdp.audioTarget("v=0\r\nc=IN IP4 127.0.0.1\r\n"));
    }
}
