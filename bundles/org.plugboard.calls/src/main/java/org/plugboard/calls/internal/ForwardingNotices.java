package org.plugboard.calls.internal;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;

import javax.sip.header.Header;
import javax.sip.message.Response;

import org.plugboard.api.service.Diversion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a forwarding hop tells: the caller hears {@code 181 Call Is Being Forwarded} with the hop in Call-Info, and
 * the new target's INVITE names every hop in Diversion headers (RFC 5806).
 */
final class ForwardingNotices {
    private static final Logger LOG = LoggerFactory.getLogger(ForwardingNotices.class);

    private final LegMessages messages;
    private final ReliableProvisionals reliable;

    ForwardingNotices(LegMessages messages, ReliableProvisionals reliable) {
        this.messages = messages;
        this.reliable = reliable;
    }

    /**
     * {@code 181 Call Is Being Forwarded} with the hop in Call-Info exactly as miniSIPServer sends it:
     * {@code Call-Info: purpose=forwarding, username="B", contact="C"}. That value is not RFC 3261 Call-Info syntax
     * (no URI), so it goes as an unparsed header; phones that show forwarding read it this way.
     */
    void tellCaller(Call call, String from, String to) {
        CallerLeg caller = call.callerLeg;
        if (caller.answered) {
            return;
        }
        try {
            Response r = messages.dialogs().answer(caller, caller.invite, Response.CALL_IS_BEING_FORWARDED, null);
            r.setHeader(Dialogs.unparsedHeader("Call-Info", "purpose=forwarding, username=\"" + quotable(from) + "\", contact=\""
                    + quotable(to) + "\""));
            reliable.toCaller(caller, r);
        } catch (ParseException | RuntimeException e) {
            LOG.warn("Call {}: cannot tell the caller of the forwarding to {}: {}", call.id, to, e.toString());
        }
    }

    /** Numbers come from services and phones: keep quotes and line breaks out of a quoted header value. */
    private static String quotable(String s) {
        return s.replaceAll("[\"\\\\\r\n]", "");
    }

    /** Diversion headers (RFC 5806) naming every hop, newest first, for the new target. */
    List<Header> diversionHeaders(Call call) {
        List<Header> out = new ArrayList<>();
        for (int i = call.diversions.size() - 1; i >= 0; i--) {
            Diversion d = call.diversions.get(i);
            try {
                out.add(messages.dialogs().headers().createHeader("Diversion",
                        "<sip:" + d.from() + "@" + messages.sip().localUri(call.callerLeg.hop).getHost() + ">;reason=" + d.reason()
                                + ";counter=" + (i + 1)));
            } catch (ParseException e) {
                LOG.warn("Call {}: no Diversion header for {}: {}", call.id, d, e.toString());
            }
        }
        return out;
    }
}
