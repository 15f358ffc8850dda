package org.plugboard.calls.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.ListIterator;

import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.ReferToHeader;
import javax.sip.message.Request;

/**
 * What a REFER asks for (RFC 3515 2.1): the number in its one Refer-To, and for an attended transfer the dialog its
 * embedded Replaces names (RFC 3891 3), as the transferor sees that dialog. Anything unusable is a {@link Bad} whose
 * message names the header, for the 400's reason phrase.
 *
 * @param number   the user part of a {@code sip:}/{@code sips:} URI or the number of a {@code tel:} URI
 * @param replaces the dialog to replace, or null for a blind transfer
 */
record ReferTo(String number, Replaces replaces) {

    /**
     * A dialog named by a Replaces header: {@code toTag} is the tag of the party that is to replace it, from the
     * transferor's view the remote tag of its dialog, {@code fromTag} the transferor's own.
     */
    record Replaces(String callId, String toTag, String fromTag) {
        /** The Replaces value naming the dialog {@code leg} has with its peer, for that peer to replace. */
        static String toward(Leg leg) {
            return leg.callId + ";to-tag=" + leg.remoteTag + ";from-tag=" + leg.localTag;
        }
    }

    /** A REFER that cannot be carried out as sent: 400 with this message as the reason. */
    static final class Bad extends Exception {
        private static final long serialVersionUID = 1L;

        Bad(String message) {
            super(message);
        }
    }

    /** The Refer-To of a REFER; throws {@link Bad} naming the header that is missing or does not parse. */
    static ReferTo of(Request refer) throws Bad {
        ListIterator<?> headers = refer.getHeaders(ReferToHeader.NAME);
        ReferToHeader header = null;
        int count = 0;
        while (headers != null && headers.hasNext()) {
            Object h = headers.next();
            count++;
            header = h instanceof ReferToHeader r ? r : null;
        }
        String unparsed = unparsed(refer);
        if (unparsed != null) {
            throw new Bad("Bad Refer-To: does not parse: " + clip(unparsed));
        }
        if (count == 0 || header == null || header.getAddress() == null) {
            throw new Bad("Bad Refer-To: missing");
        }
        if (count > 1) {
            throw new Bad("Bad Refer-To: more than one");
        }
        URI uri = header.getAddress().getURI();
        String number = uri instanceof SipURI s ? s.getUser() : uri instanceof TelURL t ? (t.isGlobal() ? "+" : "") + t.getPhoneNumber() : null;
        if (!(uri instanceof SipURI) && !(uri instanceof TelURL)) {
            throw new Bad("Bad Refer-To: not a sip:, sips: or tel: URI: " + clip(uri.toString()));
        }
        if (number == null || number.isBlank()) {
            throw new Bad("Bad Refer-To: no number in " + clip(uri.toString()));
        }
        if (!number.matches("[+]?[0-9A-Za-z*#._-]{1,64}")) {
            throw new Bad("Bad Refer-To: " + clip(number) + " is no number");
        }
        String replaces = uri instanceof SipURI s ? uriHeader(s, "Replaces") : null;
        return new ReferTo(number, replaces == null ? null : replaces(decode(replaces)));
    }

    /** {@code callid;to-tag=x;from-tag=y} (order free, {@code early-only} ignored). */
    static Replaces replaces(String value) throws Bad {
        String[] parts = value.split(";");
        String callId = parts[0].trim();
        String to = null;
        String from = null;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            String key = kv[0].trim().toLowerCase(java.util.Locale.ROOT);
            String v = kv.length > 1 ? kv[1].trim() : "";
            if (key.equals("to-tag")) {
                to = v;
            } else if (key.equals("from-tag")) {
                from = v;
            }
        }
        if (callId.isEmpty() || callId.contains(" ")) {
            throw new Bad("Bad Replaces: no Call-ID in " + clip(value));
        }
        if (to == null || to.isEmpty() || from == null || from.isEmpty()) {
            throw new Bad("Bad Replaces: needs to-tag and from-tag: " + clip(value));
        }
        return new Replaces(callId, to, from);
    }

    /** A header embedded in the URI ({@code ?Replaces=...}), by case-insensitive name. */
    private static String uriHeader(SipURI uri, String name) {
        Iterator<?> names = uri.getHeaderNames();
        while (names != null && names.hasNext()) {
            String n = String.valueOf(names.next());
            if (n.equalsIgnoreCase(name)) {
                return uri.getHeader(n);
            }
        }
        return null;
    }

    /** Percent-decoding of a URI header value (RFC 3261 19.1.1); a stray '%' is a {@link Bad} Replaces. */
    static String decode(String s) throws Bad {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '%') {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) {
                throw new Bad("Bad Replaces: broken escape in " + clip(s));
            }
            out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
            i += 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A Refer-To the stack could not parse lands in its unparsed list (the SIP bundle answers those itself). */
    private static String unparsed(Request refer) {
        if (refer instanceof gov.nist.javax.sip.message.SIPMessage m) {
            ListIterator<String> it = m.getUnrecognizedHeaders();
            while (it.hasNext()) {
                String line = it.next();
                String name = line.contains(":") ? line.substring(0, line.indexOf(':')).trim() : "";
                if (name.equalsIgnoreCase(ReferToHeader.NAME) || name.equalsIgnoreCase("r")) {
                    return line;
                }
            }
        }
        return null;
    }

    /** At most 60 characters of what the peer sent, printable, for a reason phrase. */
    static String clip(String s) {
        String p = s.replaceAll("[^\\x20-\\x7e]", "?");
        return p.length() > 60 ? p.substring(0, 60) + "..." : p;
    }
}
