package org.plugboard.calls.internal;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;

import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NOTIFYs of a REFER's implicit subscription (RFC 3515 2.4.4), in the transferor's dialog: the status line of
 * the call to the target as {@code message/sipfrag}, {@code 100 Trying} while it is on its way ({@code active}),
 * then its final status ({@code terminated;reason=noresource}). Their responses are not waited for.
 */
final class ReferNotify {
    private static final Logger LOG = LoggerFactory.getLogger(ReferNotify.class);
    /** How long the subscription is said to last while active: longer than any ring of the target. */
    static final int EXPIRES_SECONDS = 180;

    private final LegMessages messages;

    ReferNotify(LegMessages messages) {
        this.messages = messages;
    }

    /** Tells the transferor how the call to the target stands; {@code last} ends the subscription. */
    void send(Transfer t, int status, String phrase, boolean last) {
        Leg leg = t.transferor;
        if (t.event == null || !t.transferorThere()) { // ordered from outside: no REFER, no subscription
            return;
        }
        try {
            HeaderFactory headers = messages.dialogs().headers();
            Request notify = messages.dialogs().inDialog(leg, Request.NOTIFY, 0);
            notify.setHeader(headers.createHeader("Event", t.event));
            notify.setHeader(headers.createHeader("Subscription-State", last ? "terminated;reason=noresource" : "active;expires=" + EXPIRES_SECONDS));
            ContentTypeHeader type = headers.createContentTypeHeader("message", "sipfrag");
            type.setParameter("version", "2.0");
            notify.setContent(("SIP/2.0 " + status + " " + phrase + "\r\n").getBytes(StandardCharsets.UTF_8), type);
            messages.send(leg, notify);
        } catch (SipException | ParseException | InvalidArgumentException e) {
            LOG.warn("Call {}: cannot send NOTIFY ({} {}) to {}: {}", leg.call.id, status, phrase, leg.hop, e.toString());
        }
    }
}
