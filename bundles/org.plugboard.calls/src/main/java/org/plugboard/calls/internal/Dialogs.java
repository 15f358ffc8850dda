package org.plugboard.calls.internal;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.concurrent.ThreadLocalRandom;

import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.sip.SipService;

/** Builds the requests and responses of a leg's dialog from the leg's plain data (RFC 3261 12.2.1.1). */
final class Dialogs {
    static final String ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, PRACK, UPDATE, INFO, REFER";
    private final SipService sip;
    private final AddressFactory addresses;
    private final HeaderFactory headers;

    Dialogs(SipService sip) {
        this.sip = sip;
        this.addresses = sip.addressFactory();
        this.headers = sip.headerFactory();
    }

    HeaderFactory headers() {
        return headers;
    }

    static String newTag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | 0x1000_0000_0000_0000L);
    }

    static String newCallId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong()) + "@plugboard";
    }

    /** Our Contact toward the leg's peer, with {@code user} as its user part. */
    ContactHeader contact(Leg leg, String user) throws ParseException {
        SipURI uri = sip.localUri(leg.hop);
        if (user != null && !user.isEmpty()) {
            uri.setUser(user);
        }
        return headers.createContactHeader(addresses.createAddress(uri));
    }

    /** The first INVITE of a callee leg. The leg carries its hop, tags, addresses and target already. */
    Request initialInvite(Leg leg, String contactUser, int maxForwards, byte[] sdp, boolean offer100rel, int sessionExpires)
            throws ParseException, InvalidArgumentException {
        URI target = (URI) leg.remoteTarget.clone();
        Request r = sip.messageFactory().createRequest(target, Request.INVITE, headers.createCallIdHeader(leg.callId),
                headers.createCSeqHeader(++leg.localCseq, Request.INVITE),
                headers.createFromHeader((Address) leg.localAddress.clone(), leg.localTag),
                headers.createToHeader((Address) leg.remoteAddress.clone(), null),
                new ArrayList<>(List.of(sip.createVia(leg.hop))), headers.createMaxForwardsHeader(maxForwards));
        r.setHeader(contact(leg, contactUser));
        r.setHeader(headers.createAllowHeader(ALLOW));
        // one header object per option tag, as the stack parses them: rewriters (no100rel) look at single tags
        if (offer100rel) {
            r.addHeader(headers.createSupportedHeader("100rel"));
        }
        r.addHeader(headers.createSupportedHeader("timer"));
        if (sessionExpires > 0) {
            r.setHeader(headers.createHeader("Session-Expires", Integer.toString(sessionExpires)));
        }
        if (sdp != null) {
            r.setContent(sdp, sdpType());
        }
        return r;
    }

    /** A request inside the leg's dialog; ACK reuses the INVITE's CSeq number, others take the next one. */
    Request inDialog(Leg leg, String method, long ackCseq) throws ParseException, InvalidArgumentException {
        long cseq = Request.ACK.equals(method) ? ackCseq : ++leg.localCseq;
        URI target = (URI) (leg.remoteTarget != null ? leg.remoteTarget : leg.remoteAddress.getURI()).clone();
        Request r = sip.messageFactory().createRequest(target, method, headers.createCallIdHeader(leg.callId),
                headers.createCSeqHeader(cseq, method),
                headers.createFromHeader((Address) leg.localAddress.clone(), leg.localTag),
                headers.createToHeader((Address) leg.remoteAddress.clone(), leg.remoteTag),
                new ArrayList<>(List.of(sip.createVia(leg.hop))), headers.createMaxForwardsHeader(70));
        for (Address route : leg.routeSet) {
            r.addHeader(headers.createRouteHeader((Address) route.clone()));
        }
        if (Request.INVITE.equals(method) || Request.UPDATE.equals(method) || Request.NOTIFY.equals(method)) {
            r.setHeader(contact(leg, null));
        }
        return r;
    }

    ContentTypeHeader sdpType() throws ParseException {
        return headers.createContentTypeHeader("application", "sdp");
    }

    /** A response to the caller leg's pending request, in the leg's dialog (our To-tag). */
    Response answer(Leg leg, org.plugboard.api.sip.ServerRequest request, int status, String reason) throws ParseException {
        Response r = reason == null ? request.createResponse(status) : request.createResponse(status, reason);
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        if (status > 100 && leg.localTag != null) {
            to.setTag(leg.localTag);
        }
        if (status > 100 && status < 300) {
            r.setHeader(contact(leg, null));
        }
        return r;
    }

    /** Remembers the peer's target and route set from a request or response that establishes the dialog. */
    void learnTarget(Leg leg, Message m, boolean reverseRoutes) {
        ContactHeader contact = (ContactHeader) m.getHeader(ContactHeader.NAME);
        if (contact != null && contact.getAddress() != null) {
            leg.remoteTarget = (URI) contact.getAddress().getURI().clone();
        }
        List<Address> routes = new ArrayList<>();
        ListIterator<?> it = m.getHeaders(RecordRouteHeader.NAME);
        while (it.hasNext()) {
            routes.add((Address) ((RecordRouteHeader) it.next()).getAddress().clone());
        }
        if (reverseRoutes) {
            java.util.Collections.reverse(routes);
        }
        if (!routes.isEmpty() || leg.routeSet.isEmpty()) {
            leg.routeSet = routes;
        }
    }

    static String fromTag(Message m) {
        return ((FromHeader) m.getHeader(FromHeader.NAME)).getTag();
    }

    static String toTag(Message m) {
        return ((ToHeader) m.getHeader(ToHeader.NAME)).getTag();
    }

    static long cseq(Message m) {
        return ((CSeqHeader) m.getHeader(CSeqHeader.NAME)).getSeqNumber();
    }

    static String cseqMethod(Message m) {
        return ((CSeqHeader) m.getHeader(CSeqHeader.NAME)).getMethod();
    }

    static int maxForwards(Request r) {
        MaxForwardsHeader mf = (MaxForwardsHeader) r.getHeader(MaxForwardsHeader.NAME);
        return mf == null ? 70 : mf.getMaxForwards();
    }

    static byte[] body(Message m) {
        byte[] raw = m.getRawContent();
        return raw == null || raw.length == 0 ? null : raw;
    }

    static boolean isSdp(Message m) {
        ContentTypeHeader ct = (ContentTypeHeader) m.getHeader(ContentTypeHeader.NAME);
        return body(m) != null && ct != null && "application".equalsIgnoreCase(ct.getContentType())
                && "sdp".equalsIgnoreCase(ct.getContentSubType());
    }

    /** Value of a header the RI has no type for (Session-Expires, Min-SE), without its name. */
    static String value(Message m, String name, String compact) {
        javax.sip.header.Header h = m.getHeader(name);
        if (h == null && compact != null) {
            h = m.getHeader(compact);
        }
        if (h == null) {
            return null;
        }
        String s = h.toString().trim();
        int colon = s.indexOf(':');
        return colon < 0 ? s : s.substring(colon + 1).trim();
    }

    /** A header sent as written, past the RI's parser: for values outside its syntax (miniSIPServer's Call-Info). */
    static javax.sip.header.Header unparsedHeader(String name, String value) {
        gov.nist.javax.sip.header.ExtensionHeaderImpl h = new gov.nist.javax.sip.header.ExtensionHeaderImpl(name);
        h.setValue(value);
        return h;
    }

    /** The user (number) of a message's first Contact, {@code sip:} or {@code tel:}; null when there is none. */
    static String contactUser(Message m) {
        javax.sip.header.ContactHeader c = (javax.sip.header.ContactHeader) m.getHeader(javax.sip.header.ContactHeader.NAME);
        if (c == null || c.getAddress() == null) {
            return null;
        }
        URI u = c.getAddress().getURI();
        String user = u instanceof javax.sip.address.SipURI s ? s.getUser()
                : u instanceof javax.sip.address.TelURL t ? t.getPhoneNumber() : null;
        return user == null || user.isBlank() ? null : user;
    }

    /** True when a Require or Supported header of the message lists the option tag. */
    static boolean lists(Message m, String header, String tag) {
        ListIterator<?> it = m.getHeaders(header);
        while (it != null && it.hasNext()) {
            String v = it.next().toString();
            int colon = v.indexOf(':');
            for (String t : v.substring(colon + 1).split(",")) {
                if (t.trim().equalsIgnoreCase(tag)) {
                    return true;
                }
            }
        }
        return false;
    }

    Address address(String nameAddr) throws ParseException {
        return addresses.createAddress(nameAddr);
    }

    URI uri(String uri) throws ParseException {
        return addresses.createURI(uri);
    }
}
