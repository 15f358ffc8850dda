package org.plugboard.lines.internal;

import java.text.ParseException;
import java.util.List;
import java.util.ListIterator;

import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.MinExpiresHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Builds a line's REGISTER requests (RFC 3261 10.2) and reads the registrar's answers. The Request-URI is the
 * provider domain and To/From the account at that domain, wherever the request is actually sent.
 */
final class RegisterRequests {
    /** What a REGISTER needs besides the line's settings. */
    record Parts(String callId, long cseq, String fromTag, int expires, SipURI contact, ViaHeader via,
            URI requestUri) {
    }

    private final AddressFactory addresses;
    private final HeaderFactory headers;
    private final MessageFactory messages;

    RegisterRequests(AddressFactory addresses, HeaderFactory headers, MessageFactory messages) {
        this.addresses = addresses;
        this.headers = headers;
        this.messages = messages;
    }

    /** The Request-URI of a line's REGISTER: {@code sip:<domain>}. */
    URI requestUri(LineSettings line) throws ParseException {
        return addresses.createURI("sip:" + line.domain());
    }

    /** Our Contact for the line: the account at the listening point that faces the provider. */
    SipURI contact(LineSettings line, SipURI local) throws ParseException {
        SipURI contact = (SipURI) local.clone();
        contact.setUser(line.account());
        return contact;
    }

    Request register(LineSettings line, Parts p) throws ParseException {
        try {
            Address aor = addresses.createAddress(addresses.createURI("sip:" + line.account() + "@" + line.domain()));
            FromHeader from = headers.createFromHeader(aor, p.fromTag());
            ToHeader to = headers.createToHeader((Address) aor.clone(), null);
            CallIdHeader callId = headers.createCallIdHeader(p.callId());
            CSeqHeader cseq = headers.createCSeqHeader(p.cseq(), Request.REGISTER);
            MaxForwardsHeader maxForwards = headers.createMaxForwardsHeader(70);
            Request r = messages.createRequest((URI) p.requestUri().clone(), Request.REGISTER, callId, cseq, from, to,
                    List.of(p.via()), maxForwards);
            ContactHeader contact = headers.createContactHeader(addresses.createAddress(p.contact()));
            r.addHeader(contact);
            r.addHeader(headers.createExpiresHeader(p.expires()));
            return r;
        } catch (InvalidArgumentException e) {
            throw new ParseException(e.getMessage(), 0);
        }
    }

    /** The Contact URI a REGISTER we built carries. */
    SipURI contactOf(Request register) {
        ContactHeader c = (ContactHeader) register.getHeader(ContactHeader.NAME);
        return (SipURI) c.getAddress().getURI();
    }

    /**
     * The expiry the registrar granted: our Contact's {@code expires} in the 200 (it lists every binding of the
     * AOR), else its Expires header, else what we asked for.
     */
    static int grantedExpiry(Response ok, SipURI ours, int asked) {
        ListIterator<?> it = ok.getHeaders(ContactHeader.NAME);
        while (it.hasNext()) {
            if (it.next() instanceof ContactHeader c && c.getExpires() >= 0 && c.getAddress() != null
                    && c.getAddress().getURI() instanceof SipURI u && sameBinding(u, ours)) {
                return c.getExpires();
            }
        }
        ExpiresHeader expires = (ExpiresHeader) ok.getHeader(ExpiresHeader.NAME);
        return expires != null ? expires.getExpires() : asked;
    }

    /** Min-Expires of a 423, or -1. */
    static int minExpires(Response tooBrief) {
        MinExpiresHeader h = (MinExpiresHeader) tooBrief.getHeader(MinExpiresHeader.NAME);
        return h == null ? -1 : h.getExpires();
    }

    private static boolean sameBinding(SipURI a, SipURI b) {
        return eq(a.getUser(), b.getUser()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(SipURI u) {
        return u.getPort() > 0 ? u.getPort() : 5060;
    }

    private static boolean eq(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
