package org.plugboard.interop.ruriparam.internal;

import java.text.ParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sip.address.SipURI;
import javax.sip.message.Message;
import javax.sip.message.Request;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.plugboard.api.sip.RewriteContext;
import org.plugboard.api.sip.SipMessageRewriter;

/**
 * Appends the configured parameters (e.g. {@code user=phone}) to the Request-URI of outbound REGISTER and INVITE.
 * A parameter the URI already has is left as it is, so a request rewritten once (the authenticated repeat of a
 * challenged REGISTER carries the URI it was first sent with) is not changed again. One rewriter per factory
 * configuration; the SIP bundle applies it to the configuration's {@code plugboard.profiles} and the methods below.
 */
@Component(configurationPid = RuriParamWorkaround.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = SipMessageRewriter.METHODS + "=" + Request.REGISTER + "," + Request.INVITE)
@Designate(ocd = RuriParamWorkaround.Config.class, factory = true)
public class RuriParamWorkaround implements SipMessageRewriter {
    static final String PID = "org.plugboard.interop.ruriparam";

    /** Value of a parameter without {@code =value}, e.g. {@code lr}. */
    static final String FLAG = "";

    @ObjectClassDefinition(name = "Plugboard workaround: Request-URI parameters",
            description = "Adds parameters such as user=phone to the Request-URI of REGISTER and INVITE sent to a line or trunk")
    public @interface Config {
        @AttributeDefinition(description = "Profiles it applies to, e.g. line:carrier1 (comma separated)")
        String[] plugboard_profiles();

        @AttributeDefinition(description = "Parameters to append, e.g. user=phone (several: separated by ';')")
        String params() default "user=phone";

        @AttributeDefinition(name = "service.ranking", description = "Order among rewriters: higher runs first")
        int service_ranking() default 0;
    }

    private final Map<String, String> params;

    @Activate
    public RuriParamWorkaround(Config config) {
        this(parse(config.params()));
    }

    RuriParamWorkaround(Map<String, String> params) {
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params)); // in the configured order
    }

    /** {@code user=phone;cpc=ordinary} or comma separated; a name without {@code =} is a flag parameter. */
    static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : text == null ? new String[0] : text.split("[;,]")) {
            if (item.isBlank()) {
                continue;
            }
            String[] kv = item.trim().split("=", 2);
            String name = kv[0].trim();
            if (!name.matches("[A-Za-z0-9!%*_+`'~.-]+")) {
                throw new IllegalArgumentException("params: '" + item.trim() + "' is not a URI parameter");
            }
            out.put(name, kv.length == 2 ? kv[1].trim() : FLAG);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("params is required, e.g. user=phone");
        }
        return out;
    }

    @Override
    public void rewriteOutbound(Message message, RewriteContext context) {
        if (!(message instanceof Request r) || !(r.getRequestURI() instanceof SipURI uri)) {
            return; // responses to the methods, tel: URIs
        }
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (uri.getParameter(p.getKey()) == null) {
                try {
                    uri.setParameter(p.getKey(), FLAG.equals(p.getValue()) ? null : p.getValue());
                } catch (ParseException e) {
                    throw new IllegalStateException("cannot add " + p.getKey() + " to the Request-URI", e);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Request-URI parameters " + params;
    }
}
