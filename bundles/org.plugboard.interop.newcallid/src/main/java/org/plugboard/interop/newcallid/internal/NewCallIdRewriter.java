package org.plugboard.interop.newcallid.internal;

import java.security.SecureRandom;
import java.text.ParseException;
import java.util.HexFormat;

import javax.sip.header.CallIdHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;

import org.plugboard.api.sip.RewriteContext;
import org.plugboard.api.sip.SipMessageRewriter;

/**
 * Gives every outbound REGISTER a Call-ID of its own. RFC 3261 10.2.4 wants one Call-ID per registration with a
 * rising CSeq; some registrars instead take a reused Call-ID for a replay. The sender matches answers by
 * transaction (Via branch), so changing the Call-ID here costs it nothing.
 */
final class NewCallIdRewriter implements SipMessageRewriter {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public void rewriteOutbound(Message message, RewriteContext context) {
        if (!(message instanceof Request r) || !Request.REGISTER.equals(r.getMethod())) {
            return;
        }
        CallIdHeader callId = (CallIdHeader) r.getHeader(CallIdHeader.NAME);
        if (callId == null) {
            return;
        }
        try {
            callId.setCallId(fresh(callId.getCallId()));
        } catch (ParseException e) {
            throw new IllegalStateException("cannot set a new Call-ID", e);
        }
    }

    /** A random local part; the host part of the original (e.g. {@code @plugboard}) is kept. */
    static String fresh(String original) {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        int at = original == null ? -1 : original.indexOf('@');
        return HexFormat.of().formatHex(b) + (at >= 0 ? original.substring(at) : "");
    }

    @Override
    public String toString() {
        return "new Call-ID per REGISTER";
    }
}
