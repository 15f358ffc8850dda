package org.plugboard.interop.no100rel.internal;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;

import javax.sip.header.SupportedHeader;
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
 * Removes the {@code 100rel} option tag from the Supported headers of outbound INVITEs; the other tags stay, in
 * their order. A {@code Require: 100rel} is left alone: a request that requires reliable provisionals must not be
 * quietly changed. One rewriter per factory configuration; the SIP bundle applies it to the configuration's
 * {@code plugboard.profiles} and, by the property below, to INVITEs only.
 */
@Component(configurationPid = No100relWorkaround.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = SipMessageRewriter.METHODS + "=" + Request.INVITE)
@Designate(ocd = No100relWorkaround.Config.class, factory = true)
public class No100relWorkaround implements SipMessageRewriter {
    static final String PID = "org.plugboard.interop.no100rel";
    static final String TAG = "100rel";

    @ObjectClassDefinition(name = "Plugboard workaround: no 100rel",
            description = "Removes 100rel from Supported on INVITEs sent to a line or trunk whose PRACK handling is broken")
    public @interface Config {
        @AttributeDefinition(description = "Profiles it applies to, e.g. line:carrier1 (comma separated)")
        String[] plugboard_profiles();

        @AttributeDefinition(name = "service.ranking", description = "Order among rewriters: higher runs first")
        int service_ranking() default 0;
    }

    @Override
    public void rewriteOutbound(Message message, RewriteContext context) {
        List<String> kept = new ArrayList<>();
        boolean found = false;
        ListIterator<?> it = message.getHeaders(SupportedHeader.NAME);
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
        message.removeHeader(SupportedHeader.NAME);
        for (String tag : kept) {
            try {
                message.addHeader(context.headerFactory().createSupportedHeader(tag));
            } catch (ParseException e) {
                throw new IllegalStateException("option tag " + tag + " no longer parses", e); // it parsed on the way in
            }
        }
    }

    @Override
    public String toString() {
        return "no 100rel in Supported of INVITE";
    }
}
