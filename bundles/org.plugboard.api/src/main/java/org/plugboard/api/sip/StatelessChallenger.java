package org.plugboard.api.sip;

import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Tells the SIP bundle which new requests its handler would certainly answer with a digest challenge (401 or 407)
 * and nothing else, so that the SIP bundle sends that challenge itself, statelessly, from its receive path: before
 * the stack creates a transaction and before the handler runs (issue 18). A handler publishes it from the same
 * service registration as its {@link SipRequestHandler} (the SIP bundle asks it only while that registration is
 * the handler of the method); a request it is not sure about (it returns 0) goes to the handler as before.
 * <p>
 * Called on the receive thread for every out-of-dialog request (no To-tag) of its methods, after the request's
 * profile is known and the inbound rewriters ran: answer from memory, never block, never throw.
 */
@ConsumerType
public interface StatelessChallenger {
    /** Service property (String or String[]): the methods whose new requests it judges, e.g. {@code REGISTER}. */
    String METHODS = "plugboard.sip.challenger.methods";

    /**
     * @param request a request without To-tag of one of its methods
     * @param profile the profile it was classified into ({@link SipProfileResolver#DEFAULT_PROFILE} for phones)
     * @return 401 or 407 when that challenge is certainly the handler's answer, else 0
     */
    int challengeStatus(Request request, String profile);

    /**
     * Adds the challenge (WWW-Authenticate to a 401, Proxy-Authenticate to a 407, with a fresh nonce) to
     * {@code response}, which already carries the status, the request's headers and a To-tag.
     */
    void addChallenge(Response response, HeaderFactory headers);
}
