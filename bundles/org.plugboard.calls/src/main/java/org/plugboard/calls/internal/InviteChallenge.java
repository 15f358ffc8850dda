package org.plugboard.calls.internal;

import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.sip.header.CallIdHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.security.RequestAuthenticator;
import org.plugboard.api.sip.SipProfileResolver;

/**
 * Which new INVITEs get nothing but a 407 from {@link NewCalls} (issue 18), so that the SIP bundle may send it
 * statelessly before a transaction, a call or a strand exists: an INVITE from a phone (the default profile: not
 * from a line's or trunk's peer address, which the lines and trunks bundles classify from memory) while
 * {@code authenticate} is on, without any Proxy-Authorization, whose headers {@link InviteChecks#acceptHeaders}
 * accepts and whose Call-ID no call uses. Everything else, credentials of any realm included, goes the normal way.
 */
final class InviteChallenge {
    private final Supplier<CallsConfig> config;
    private final Predicate<String> callIdInUse;
    private final BooleanSupplier stopping;
    private final Supplier<RequestAuthenticator> authenticator;

    InviteChallenge(Supplier<CallsConfig> config, Predicate<String> callIdInUse, BooleanSupplier stopping,
            Supplier<RequestAuthenticator> authenticator) {
        this.config = config;
        this.callIdInUse = callIdInUse;
        this.stopping = stopping;
        this.authenticator = authenticator;
    }

    /** 407 when that is certainly what {@link NewCalls} answers, else 0. */
    int status(Request r, String profile) {
        if (!Request.INVITE.equals(r.getMethod()) || Dialogs.toTag(r) != null || stopping.getAsBoolean()
                || !SipProfileResolver.DEFAULT_PROFILE.equals(profile) || !config.get().authenticate()
                || r.getHeader(ProxyAuthorizationHeader.NAME) != null) {
            return 0;
        }
        if (Dialogs.maxForwards(r) <= 0 || InviteChecks.unsupportedRequire(r) != null) {
            return 0; // 483, 420
        }
        CallIdHeader callId = (CallIdHeader) r.getHeader(CallIdHeader.NAME);
        return callId == null || callIdInUse.test(callId.getCallId()) ? 0 : Response.PROXY_AUTHENTICATION_REQUIRED;
    }

    /** The authenticator's challenge, as {@link NewCalls} adds it: a fresh nonce, one header per algorithm. */
    void add(Response response) {
        authenticator.get().challenge(response, false);
    }
}
