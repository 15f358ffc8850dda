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

    @Override
    public void rewriteOutbound(Message message, RewriteContext context) {
        if (!(message instanceof Request r) || !Request.INVITE.equals(r.getMethod())) {
            return;
        }
        List<SupportedHeader> kept = new ArrayList<>();
        boolean found = false;
        ListIterator<?> it = r.getHeaders(SupportedHeader.NAME);
        while (it.hasNext()) {
            if (it.next() instanceof SupportedHeader h) { // the stack keeps one header object per option tag
                if (TAG.equalsIgnoreCase(h.getOptionTag())) {
                    found = true;
                } else {
                    kept.add((SupportedHeader) h.clone());
                }
            }
        }
        if (!found) {
            return;
        }
        r.removeHeader(SupportedHeader.NAME);
        for (SupportedHeader h : kept) {
            r.addHeader(h);
        }
    }

    @Override
    public String toString() {
        return "no 100rel in Supported of INVITE";
    }
}
