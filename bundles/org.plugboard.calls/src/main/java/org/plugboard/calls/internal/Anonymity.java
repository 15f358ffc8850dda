package org.plugboard.calls.internal;

import java.util.ListIterator;
import java.util.Locale;

import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;

/**
 * Whether a caller withholds its identity, decided once per call for every service
 * ({@code ServiceRequest#callerAnonymous}) and for what the callee sees. Anonymous is any of: From anonymous (user
 * {@code anonymous} or host {@code anonymous.invalid}, RFC 3323 4.1.1.3), {@code Privacy: id} (RFC 3325) or
 * {@code user} (RFC 3323), or no usable caller number. An extension that hides its number stays authenticated as
 * itself (permissions, limits, CDR), but is anonymous to its callee and to the callee's services.
 */
final class Anonymity {
    static final String USER = "anonymous";
    static final String HOST = "anonymous.invalid";
    static final String DISPLAY = "Anonymous";

    private Anonymity() {
    }

    /** @param caller the authenticated extension, or the From user of a line or trunk (null when there was none) */
    static boolean of(Request invite, String caller) {
        return !usableNumber(caller) || anonymousFrom(invite) || privacyAsked(invite);
    }

    /** A number a list or a callee can use has a digit: "anonymous", "restricted", "unknown" or nothing have none. */
    static boolean usableNumber(String caller) {
        return caller != null && caller.chars().anyMatch(Character::isDigit);
    }

    /** From {@code anonymous@...} or {@code ...@anonymous.invalid}, whatever the display name and the authentication. */
    static boolean anonymousFrom(Request invite) {
        FromHeader from = (FromHeader) invite.getHeader(FromHeader.NAME);
        URI uri = from == null ? null : from.getAddress().getURI();
        return uri instanceof SipURI s && (USER.equalsIgnoreCase(s.getUser()) || HOST.equalsIgnoreCase(s.getHost()));
    }

    /** Any Privacy header asking for {@code id} or {@code user} (values are separated by ';', RFC 3323 4.2). */
    static boolean privacyAsked(Request invite) {
        ListIterator<?> it = invite.getHeaders("Privacy");
        while (it != null && it.hasNext()) {
            String h = it.next().toString().trim();
            String value = h.substring(h.indexOf(':') + 1);
            for (String token : value.split("[;,\\s]+")) {
                String t = token.toLowerCase(Locale.ROOT);
                if (t.equals("id") || t.equals("user")) {
                    return true;
                }
            }
        }
        return false;
    }
}
