package org.plugboard.calls.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sip.InvalidArgumentException;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.security.DigestClient;
import org.plugboard.api.security.SipCredentials;
import org.plugboard.api.sip.SipService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the repeat of a callee leg's INVITE that a provider challenged (401/407): same Call-ID, From tag and body,
 * next CSeq, a Via for a new branch, and the digest answer from the credentials of the leg's profile (a line's
 * account). The Request-URI is the one the first INVITE was sent with, after outbound rewriters, so the digest
 * covers what the provider saw.
 */
final class ChallengeAnswerer {
    private static final Logger LOG = LoggerFactory.getLogger(ChallengeAnswerer.class);
    private final SipService sip;
    private final Supplier<DigestClient> digest;
    private final Supplier<List<SipCredentials>> sources;

    ChallengeAnswerer(SipService sip, Supplier<DigestClient> digest, Supplier<List<SipCredentials>> sources) {
        this.sip = sip;
        this.digest = digest;
        this.sources = sources;
    }

    static boolean isChallenge(int status) {
        return status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED;
    }

    /**
     * @param sent the INVITE as it went out (the client transaction's request)
     * @return the authorized repeat, or empty when the profile has no credentials or the challenge is not usable
     */
    Optional<Request> answer(CalleeLeg leg, Request sent, Response challenge) {
        Optional<SipCredentials.Credentials> credentials = credentialsFor(leg.profile);
        DigestClient client = digest.get();
        if (credentials.isEmpty() || client == null) {
            return Optional.empty();
        }
        try {
            Request again = (Request) leg.inviteRequest.clone();
            again.setRequestURI((URI) sent.getRequestURI().clone());
            ((CSeqHeader) again.getHeader(CSeqHeader.NAME)).setSeqNumber(leg.localCseq + 1);
            again.removeHeader(ViaHeader.NAME);
            again.addHeader(sip.createVia(leg.hop)); // send() gives it a new branch: a new transaction
            if (!client.authorize(again, challenge, credentials.get().username(), credentials.get().password())) {
                LOG.info("Call {}: the {} from {} has no challenge we can answer", leg.call.id, challenge.getStatusCode(), leg.hop);
                return Optional.empty();
            }
            leg.localCseq++;
            return Optional.of(again);
        } catch (InvalidArgumentException | RuntimeException e) {
            LOG.warn("Call {}: cannot answer the challenge of {}: {}", leg.call.id, leg.hop, e.toString());
            return Optional.empty();
        }
    }

    private Optional<SipCredentials.Credentials> credentialsFor(String profile) {
        for (SipCredentials s : sources.get()) {
            try {
                Optional<SipCredentials.Credentials> c = s.credentials(profile);
                if (c != null && c.isPresent()) {
                    return c;
                }
            } catch (RuntimeException e) {
                LOG.warn("Credentials of {} failed for {}", s.getClass().getName(), profile, e);
            }
        }
        return Optional.empty();
    }
}
