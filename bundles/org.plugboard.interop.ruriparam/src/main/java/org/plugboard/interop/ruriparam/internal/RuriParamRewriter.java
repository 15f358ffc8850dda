package org.plugboard.interop.ruriparam.internal;

import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import javax.sip.address.SipURI;
import javax.sip.message.Message;
import javax.sip.message.Request;

import org.plugboard.api.sip.RewriteContext;
import org.plugboard.api.sip.SipMessageRewriter;

/**
 * Appends the configured parameters (e.g. {@code user=phone}) to the Request-URI of outbound REGISTER and INVITE.
 * A parameter the URI already has is left as it is, so a request rewritten once (the authenticated repeat of a
 * challenged REGISTER carries the URI it was first sent with) is not changed again.
 */
final class RuriParamRewriter implements SipMessageRewriter {
    static final Set<String> METHODS = Set.of(Request.REGISTER, Request.INVITE);

    /** Value of a parameter without {@code =value}, e.g. {@code lr}. */
    static final String FLAG = "";

    private final Map<String, String> params;

    RuriParamRewriter(Map<String, String> params) {
        this.params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params)); // in the configured order
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
        if (!(message instanceof Request r) || !METHODS.contains(r.getMethod())
                || !(r.getRequestURI() instanceof SipURI uri)) {
            return; // responses, other methods, tel: URIs
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
