package org.plugboard.lines.internal;

import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.sip.RewriteContext;
import org.plugboard.api.sip.SipMessageRewriter;

/**
 * Puts the dialled number of a call from a line into its Request-URI. Providers send a call either to the DID
 * ({@code INVITE sip:0123456@pbx}) or to the Contact the line registered ({@code INVITE sip:<account>@pbx}) with the
 * DID only in To; the B2BUA routes by the Request-URI, so in the second case the To user takes its place. Only
 * initial INVITEs of a configured line's profile are touched; nothing is kept per call.
 */
@Component(service = SipMessageRewriter.class, property = SipMessageRewriter.PROFILES + "=*")
public class InboundDidRewriter implements SipMessageRewriter {
    private static final String PREFIX = LineSettings.profile("");
    private final LineRegistry registry;

    @Activate
    public InboundDidRewriter(@Reference LineRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void rewriteInbound(Message message, RewriteContext context) {
        String profile = context.profile();
        if (!(message instanceof Request r) || !Request.INVITE.equals(r.getMethod()) || profile == null
                || !profile.startsWith(PREFIX)) {
            return;
        }
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        if (to == null || to.getTag() != null || to.getAddress() == null) {
            return; // in-dialog: its Request-URI is our Contact and means nothing for routing
        }
        registry.settings(profile.substring(PREFIX.length())).ifPresent(line -> {
            String did = didInTo(r.getRequestURI(), to.getAddress().getURI(), line.account());
            if (did != null) {
                try {
                    ((SipURI) r.getRequestURI()).setUser(did);
                } catch (java.text.ParseException e) {
                    // a To user that is no valid URI user: the Request-URI stays and routing decides on it
                }
            }
        });
    }

    /**
     * @return the To user when the Request-URI names the line's account (or no user) and To names someone else;
     *         null when the Request-URI already carries the dialled number
     */
    static String didInTo(URI requestUri, URI toUri, String account) {
        if (!(requestUri instanceof SipURI r) || (r.getUser() != null && !r.getUser().equals(account))) {
            return null;
        }
        String user = toUri instanceof SipURI s ? s.getUser()
                : toUri instanceof TelURL t ? (t.isGlobal() ? "+" : "") + t.getPhoneNumber() : null;
        return user == null || user.isEmpty() || user.equals(r.getUser()) ? null : user;
    }
}
