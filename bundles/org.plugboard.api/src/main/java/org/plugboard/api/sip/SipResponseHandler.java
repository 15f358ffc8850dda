package org.plugboard.api.sip;

import javax.sip.ClientTransaction;
import javax.sip.message.Response;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the responses and timeouts of requests sent with {@link SipService#send} under the owner named in
 * its {@link #OWNER} service property. Responses are routed by owner name, not to an object, so a new version
 * of the owning bundle receives the responses to requests its previous version sent. While no handler of an
 * owner is registered (a bundle update in progress), events wait a few seconds for one to appear.
 */
@ConsumerType
public interface SipResponseHandler {
    /** Service property (String): the owner name given to {@link SipService#send}. */
    String OWNER = "plugboard.sip.owner";

    /**
     * A response. {@code transaction} is null for a 2xx retransmission to an INVITE whose transaction has ended
     * (RFC 3261 13.2.2.4: the UAC acknowledges it again); such strays go to every handler, which match them by
     * Call-ID and ignore the rest.
     */
    void handleResponse(Response response, ClientTransaction transaction);

    /** The transaction layer gave up (Timer B or F): the peer did not answer at all. */
    void handleTimeout(ClientTransaction transaction);
}
