package org.plugboard.sip.internal;

import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sip.header.HeaderFactory;
import javax.sip.header.ServerHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.osgi.framework.Constants;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;

/** Real JAIN-SIP RI messages for the tests, built with the RI's own factories. */
final class Messages {
    static final HeaderFactory HEADERS = new HeaderFactoryImpl();
    static final MessageFactoryImpl MESSAGES = new MessageFactoryImpl();

    private Messages() {
    }

    static Request request(String method, String callId) throws ParseException {
        String text = method + " sip:bob@192.0.2.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.9:5062;branch=z9hG4bK" + callId + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@192.0.2.9>;tag=a1\r\n"
                + "To: <sip:bob@192.0.2.1>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Content-Length: 0\r\n\r\n";
        return MESSAGES.createRequest(text);
    }

    /** A request we originate: no Via branch yet (the sender adds it). */
    static Request outgoing(String method) throws ParseException {
        Request r = request(method, "out-1");
        ((javax.sip.header.ViaHeader) r.getHeader("Via")).removeParameter("branch");
        return r;
    }

    static Response response(int status, Request to) throws ParseException {
        return MESSAGES.createResponse(status, to);
    }

    static ServerHeader server() {
        try {
            return HEADERS.createServerHeader(List.of("Plugboard"));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Service properties as the framework gives them: id, ranking, and the pairs given. */
    static Map<String, Object> props(long id, int ranking, Object... pairs) {
        Map<String, Object> m = new HashMap<>();
        m.put(Constants.SERVICE_ID, id);
        m.put(Constants.SERVICE_RANKING, ranking);
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    /** A whiteboard handle over an object the test holds. */
    record Held<S>(S get) implements Whiteboards.Handle<S> {
        @Override
        public void release() {
        }
    }
}
