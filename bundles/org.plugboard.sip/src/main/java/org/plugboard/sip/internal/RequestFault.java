package org.plugboard.sip.internal;

import java.text.ParseException;

import javax.sip.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.header.ViaList;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;

/**
 * What makes a parsed request unfit for its handler while it can still be answered: a missing or malformed
 * From, To, Call-ID or CSeq (RFC 3261 8.1.1), a CSeq of another method, a Via port out of range, a SIP version
 * other than 2.0 (505) or a Request-URI scheme we do not serve (416). The RI drops a request without those
 * headers (and logs it at ERROR, so a sender would choose what we log), so {@link #find} puts placeholders in
 * their place; the valve then answers with {@link #answer}, which takes the placeholders out again, before any
 * transaction exists. A request without a Via or a request line cannot be answered and is not handled here.
 */
record RequestFault(int status, String reason, List<String> placeholders, List<SIPHeader> originals, List<String> rawLines) {
    private static final Set<String> SCHEMES = Set.of("sip", "sips", "tel");
    private static final HeaderFactoryImpl HEADERS = new HeaderFactoryImpl();
    private static final AddressFactoryImpl ADDRESSES = new AddressFactoryImpl();

    /**
     * The first fault of {@code r}, after patching it so that the stack passes it on; null when it has none.
     *
     * @param faults the mandatory headers that were present but did not parse, or came twice
     * @param version the SIP version of the request line as written (the RI's parser reads any as 2.0)
     */
    static RequestFault find(SIPRequest r, FaultRecorder faults, String version) throws ParseException, InvalidArgumentException {
        List<String> placeholders = new ArrayList<>();
        List<SIPHeader> originals = new ArrayList<>();
        String reason = null;
        int status = 400;
        if (!faults.badHeaders().isEmpty()) {
            reason = faults.reason();
        }
        if (r.getFrom() == null) {
            reason = reason != null ? reason : "Missing From header";
            r.setHeader(HEADERS.createFromHeader(ADDRESSES.createAddress("sip:invalid@invalid"), "invalid"));
            placeholders.add(FromHeader.NAME);
        }
        if (r.getTo() == null) {
            reason = reason != null ? reason : "Missing To header";
            r.setHeader(HEADERS.createToHeader(ADDRESSES.createAddress("sip:invalid@invalid"), null));
            placeholders.add(ToHeader.NAME);
        }
        if (r.getCallId() == null) {
            reason = reason != null ? reason : "Missing Call-ID header";
            r.setHeader(HEADERS.createCallIdHeader("invalid"));
            placeholders.add(CallIdHeader.NAME);
        }
        if (r.getCSeq() == null) {
            reason = reason != null ? reason : "Missing CSeq header";
            r.setHeader(HEADERS.createCSeqHeader(1L, r.getMethod()));
            placeholders.add(CSeqHeader.NAME);
        } else if (!r.getCSeq().getMethod().equals(r.getMethod())) {
            reason = reason != null ? reason : "CSeq method " + token(r.getCSeq().getMethod()) + " is not the request's";
            originals.add((SIPHeader) r.getCSeq().clone());
            r.setHeader(HEADERS.createCSeqHeader(r.getCSeq().getSeqNumber(), r.getMethod()));
        }
        Via via = r.getTopmostVia();
        if (via != null && (via.getPort() > 65_535 || via.getPort() == 0)) {
            reason = reason != null ? reason : "Via port " + via.getPort() + " out of range";
            originals.add((SIPHeader) via.clone());
            via.removePort(); // the RI would fail resolving it; the answer goes to the packet's source anyway
        }
        if (reason == null && !"SIP/2.0".equalsIgnoreCase(version)) {
            status = 505;
            reason = "SIP Version Not Supported (" + token(version) + ")";
        }
        if (reason == null && !SCHEMES.contains(r.getRequestURI().getScheme().toLowerCase())) {
            status = 416;
            reason = "Unsupported URI Scheme (" + token(r.getRequestURI().getScheme()) + ")";
        }
        return reason == null ? null : new RequestFault(status, reason, List.copyOf(placeholders), List.copyOf(originals), List.copyOf(faults.rawLines()));
    }

    /** At most 32 token characters of what the sender wrote, for a reason phrase. */
    private static String token(String s) {
        String t = s.replaceAll("[^A-Za-z0-9.!%*_+`'~/-]", "?");
        return t.length() > 32 ? t.substring(0, 32) + "..." : t;
    }

    /** The answer to {@code r} as bytes: the headers it really had, its malformed ones as written. */
    byte[] answerBytes(SIPRequest r) {
        String text = answer(r).encode();
        int line = text.indexOf("\r\n") + 2;
        StringBuilder b = new StringBuilder(text.length() + 128).append(text, 0, line);
        for (String raw : rawLines) {
            b.append(raw).append("\r\n");
        }
        return b.append(text, line, text.length()).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private SIPResponse answer(SIPRequest r) {
        SIPResponse response = r.createResponse(status, reason);
        for (String name : placeholders) {
            response.removeHeader(name);
        }
        for (SIPHeader h : originals) {
            if (h instanceof ViaHeader v) {
                ViaList vias = response.getViaHeaders();
                vias.removeFirst();
                vias.addFirst((Via) v);
            } else {
                response.setHeader(h);
            }
        }
        return response;
    }
}
