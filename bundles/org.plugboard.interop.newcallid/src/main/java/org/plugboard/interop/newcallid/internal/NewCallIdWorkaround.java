package org.plugboard.interop.newcallid.internal;

import java.security.SecureRandom;
import java.text.ParseException;
import java.util.HexFormat;

import javax.sip.header.CallIdHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.plugboard.api.sip.RewriteContext;
import org.plugboard.api.sip.SipMessageRewriter;

/**
 * Gives every outbound REGISTER a Call-ID of its own. RFC 3261 10.2.4 wants one Call-ID per registration with a
 * rising CSeq; some registrars instead take a reused Call-ID for a replay. The sender matches answers by
 * transaction (Via branch), so changing the Call-ID here costs it nothing. One rewriter per factory configuration;
 * the SIP bundle applies it to the configuration's {@code plugboard.profiles} and, by the property below, to
 * REGISTER only.
 */
@Component(configurationPid = NewCallIdWorkaround.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = SipMessageRewriter.METHODS + "=" + Request.REGISTER)
@Designate(ocd = NewCallIdWorkaround.Config.class, factory = true)
public class NewCallIdWorkaround implements SipMessageRewriter {
    static final String PID = "org.plugboard.interop.newcallid";
    private static final SecureRandom RANDOM = new SecureRandom();

    @ObjectClassDefinition(name = "Plugboard workaround: new Call-ID per REGISTER",
            description = "Gives every REGISTER sent to a line a new Call-ID, for registrars that refuse a reused one")
    public @interface Config {
        @AttributeDefinition(description = "Profiles it applies to, e.g. line:carrier1 (comma separated)")
        String[] plugboard_profiles();

        @AttributeDefinition(name = "service.ranking", description = "Order among rewriters: higher runs first")
        int service_ranking() default 0;
    }

    @Override
    public void rewriteOutbound(Message message, RewriteContext context) {
        if (message instanceof Request r && r.getHeader(CallIdHeader.NAME) instanceof CallIdHeader callId) {
            try {
                callId.setCallId(fresh(callId.getCallId()));
            } catch (ParseException e) {
                throw new IllegalStateException("cannot set a new Call-ID", e);
            }
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
