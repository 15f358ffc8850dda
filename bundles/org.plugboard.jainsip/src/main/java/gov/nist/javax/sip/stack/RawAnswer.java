package gov.nist.javax.sip.stack;

import java.io.IOException;
import java.net.InetAddress;

/**
 * Plugboard's addition to the RI: sends bytes we encoded through the channel a request came in on. The RI's own
 * send of a parsed message needs a CSeq (for its log), so a 400 to a request whose CSeq was missing or malformed,
 * which echoes the sender's text instead, can only go out as bytes; the channel's byte send is protected, hence
 * this class in the RI's package.
 */
public final class RawAnswer {
    private RawAnswer() {
    }

    public static void send(MessageChannel channel, byte[] bytes, InetAddress to, int port) throws IOException {
        channel.sendMessage(bytes, to, port, false);
    }
}
