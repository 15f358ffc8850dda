package org.plugboard.calls.internal;

import java.util.ListIterator;

import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RequireHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.sip.ServerRequest;

/**
 * The checks on a new INVITE that need no call state. Its headers before anything else, on the SIP thread:
 * Max-Forwards (483), Require (420 with Unsupported). Its content once the caller is authenticated (RFC 3261 8.2
 * order, and no body of an unknown party is looked at): the body (415 with Accept, 488 naming the SDP fault),
 * Session-Expires under Min-SE (422), and a number in the Request-URI (484).
 */
final class InviteChecks {
    /** Checks an incoming offer before any call state exists, so a broken one is refused with 488 at once. */
    private final PassThroughSdp sdpCheck = new PassThroughSdp();
    private final HeaderFactory headers;

    InviteChecks(HeaderFactory headers) {
        this.headers = headers;
    }

    /** @return true when the INVITE's headers allow a call; otherwise it has been answered with the fault */
    boolean acceptHeaders(ServerRequest ex) throws java.text.ParseException {
        Request invite = ex.request();
        if (Dialogs.maxForwards(invite) <= 0) {
            ex.respond(Response.TOO_MANY_HOPS);
            return false;
        }
        String unsupported = unsupportedRequire(invite);
        if (unsupported != null) {
            Response r = ex.createResponse(Response.BAD_EXTENSION);
            r.setHeader(headers.createUnsupportedHeader(unsupported));
            ex.respond(r);
            return false;
        }
        return true;
    }

    /** @return true when the INVITE's content allows a call; otherwise it has been answered with the fault */
    boolean acceptContent(ServerRequest ex, int minSe) throws java.text.ParseException {
        Request invite = ex.request();
        byte[] offer = Dialogs.body(invite);
        if (offer != null) {
            if (!Dialogs.isSdp(invite)) {
                Response r = ex.createResponse(Response.UNSUPPORTED_MEDIA_TYPE);
                r.setHeader(headers.createAcceptHeader("application", "sdp"));
                ex.respond(r);
                return false;
            }
            try {
                sdpCheck.check(offer);
            } catch (SdpBridge.BadSdpException e) {
                ex.respond(Response.NOT_ACCEPTABLE_HERE, "Bad SDP: " + e.getMessage());
                return false;
            }
        }
        String se = Dialogs.value(invite, "Session-Expires", "x");
        if (se != null && SessionTimers.seconds(se) < minSe) {
            Response r = ex.createResponse(422, "Session Interval Too Small");
            r.setHeader(headers.createHeader("Min-SE", Integer.toString(minSe)));
            ex.respond(r);
            return false;
        }
        String dialled = dialled(invite.getRequestURI());
        if (dialled == null || dialled.isEmpty()) {
            ex.respond(Response.ADDRESS_INCOMPLETE, "No number in the Request-URI");
            return false;
        }
        return true;
    }

    static String unsupportedRequire(Request r) {
        ListIterator<?> it = r.getHeaders(RequireHeader.NAME);
        while (it.hasNext()) {
            String tag = ((RequireHeader) it.next()).getOptionTag().trim();
            if (!tag.equalsIgnoreCase("100rel") && !tag.equalsIgnoreCase("timer")) {
                return tag;
            }
        }
        return null;
    }

    /** The number dialled: the user part of a sip: URI or the number of a tel: URI, visual separators removed. */
    static String dialled(URI uri) {
        String n;
        if (uri instanceof SipURI s) {
            n = s.getUser();
        } else if (uri instanceof TelURL t) {
            n = (t.isGlobal() ? "+" : "") + t.getPhoneNumber();
        } else {
            return null;
        }
        return n == null ? null : n.replaceAll("[-.() ]", "");
    }
}
