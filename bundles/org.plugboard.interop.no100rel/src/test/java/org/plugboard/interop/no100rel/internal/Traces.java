package org.plugboard.interop.no100rel.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import javax.sip.SipFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;

import org.plugboard.api.sip.RewriteContext;

/** Loads a captured SIP message from src/test/resources/traces/ (LF line ends in the file, CRLF on the wire). */
final class Traces {
    private Traces() {
    }

    static Request request(String name) throws Exception {
        SipFactory sip = SipFactory.getInstance();
        sip.setPathName("gov.nist");
        MessageFactory messages = sip.createMessageFactory();
        return messages.createRequest(text(name));
    }

    static String text(String name) throws IOException {
        try (InputStream in = Traces.class.getResourceAsStream("/traces/" + name)) {
            if (in == null) {
                throw new IOException("no trace " + name);
            }
            String s = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
            return s.endsWith("\r\n\r\n") ? s : s.stripTrailing() + "\r\n\r\n";
        }
    }

    static RewriteContext outbound(String profile) {
        return new RewriteContext(RewriteContext.Direction.OUTBOUND, profile, "UDP",
                InetSocketAddress.createUnresolved("127.0.0.1", 16080));
    }
}
