package org.plugboard.media.ng.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test SDPs: one audio m-line on loopback, with a session name that is not ASCII. */
final class Sdps {
    static final String SESSION_NAME = "Caf\u00e9 \u260e";

    static String audio(int port) {
        return "v=0\r\n"
                + "o=- 4242 1 IN IP4 127.0.0.1\r\n"
                + "s=" + SESSION_NAME + "\r\n"
                + "c=IN IP4 127.0.0.1\r\n"
                + "t=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0 101\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n"
                + "a=sendrecv\r\n";
    }

    static int audioPort(String sdp) {
        Matcher m = Pattern.compile("m=audio (\\d+) ").matcher(sdp);
        if (!m.find()) {
            throw new AssertionError("no m=audio in " + sdp);
        }
        return Integer.parseInt(m.group(1));
    }

    static String connection(String sdp) {
        Matcher m = Pattern.compile("c=IN IP[46] (\\S+)").matcher(sdp);
        if (!m.find()) {
            throw new AssertionError("no c= in " + sdp);
        }
        return m.group(1);
    }

    private Sdps() {
    }
}
