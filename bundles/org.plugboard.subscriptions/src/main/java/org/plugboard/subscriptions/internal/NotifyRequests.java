package org.plugboard.subscriptions.internal;

import java.text.ParseException;
import java.util.List;

import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.message.Request;

/** Builds the NOTIFYs of a subscription's dialog (RFC 6665 4.2.2, RFC 3261 12.2.1.1), each with the next CSeq. */
final class NotifyRequests {
    private final Wire wire;

    NotifyRequests(Wire wire) {
        this.wire = wire;
    }

    /**
     * @param reason null for {@code active;expires=N}, else the reason of {@code terminated;reason=...}
     * @param body   the package's body, or null for none
     */
    Request notify(Subscription s, String reason, long now, byte[] body, String contentType) throws ParseException, InvalidArgumentException {
        HeaderFactory h = wire.headers();
        Request r = wire.messages().createRequest(s.remoteTarget, Request.NOTIFY, h.createCallIdHeader(s.callId),
                h.createCSeqHeader(s.localCseq + 1, Request.NOTIFY), h.createFromHeader(s.localAddress, s.localTag),
                h.createToHeader(s.remoteAddress, s.remoteTag), List.of(wire.createVia(s.hop)), h.createMaxForwardsHeader(70));
        for (Address route : s.routeSet) {
            r.addHeader(h.createRouteHeader(route));
        }
        SipURI contact = wire.localUri(s.hop);
        contact.setUser(s.resource);
        r.addHeader(h.createContactHeader(wire.addresses().createAddress(contact)));
        EventHeader event = h.createEventHeader(s.event);
        if (s.eventId != null) {
            event.setEventId(s.eventId);
        }
        r.addHeader(event);
        SubscriptionStateHeader state;
        if (reason == null) {
            state = h.createSubscriptionStateHeader(SubscriptionStateHeader.ACTIVE);
            state.setExpires((int) s.secondsLeft(now));
        } else {
            state = h.createSubscriptionStateHeader(SubscriptionStateHeader.TERMINATED);
            state.setReasonCode(reason);
        }
        r.addHeader(state);
        if (body != null && contentType != null) {
            String[] t = contentType.split("/", 2);
            ContentTypeHeader ct = h.createContentTypeHeader(t[0], t.length > 1 ? t[1] : "plain");
            r.setContent(body, ct);
        }
        return r;
    }
}
