package org.plugboard.interop.no100rel.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;

import javax.sip.header.SupportedHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;

import org.plugboard.api.sip.RewriteContext;
import org.plugboard.api.sip.SipMessageRewriter;

/**
 * Removes the {@code 100rel} option tag from the Supported headers of outbound INVITEs; the other tags stay, in
 * their order. A {@code Require: 100rel} is left alone: a request that requires reliable provisionals must not be
 * quietly changed.
 */
final class No100relRewriter implements SipMessageRewriter {
    static final String TAG = "100rel";
    private static final javax.sip.header.HeaderFactory HEADERS = headerFactory();

    private static javax.sip.header.HeaderFactory headerFactory() {
        try {
            return javax.sip.SipFactory.getInstance().createHeaderFactory(); // the RI bundle holds API and implementation
        } catch (javax.sip.PeerUnavailableException e) {
            throw new IllegalStateException("JAIN-SIP RI not available", e);
        }
    }

    @Override
    public void rewriteOutbound(Message message, RewriteContext context) {
        if (!(message instanceof Request r) || !Request.INVITE.equals(r.getMethod())) {
            return;
        }
        List<String> kept = new ArrayList<>();
        boolean found = false;
        ListIterator<?> it = r.getHeaders(SupportedHeader.NAME);
        while (it.hasNext()) {
            if (it.next() instanceof SupportedHeader h && h.getOptionTag() != null) {
                // parsed messages hold one header object per tag; one built by code may hold "100rel, timer"
                for (String tag : h.getOptionTag().split(",")) {
                    if (TAG.equalsIgnoreCase(tag.trim())) {
                        found = true;
                    } else if (!tag.isBlank()) {
                        kept.add(tag.trim());
                    }
                }
            }
        }
        if (!found) {
            return;
        }
        r.removeHeader(SupportedHeader.NAME);
        for (String tag : kept) {
            try {
                r.addHeader(HEADERS.createSupportedHeader(tag));
            } catch (java.text.ParseException e) {
                throw new IllegalStateException("option tag " + tag + " no longer parses", e); // it parsed on the way in
            }
        }
    }

    @Override
    public String toString() {
        return "no 100rel in Supported of INVITE";
    }
}
