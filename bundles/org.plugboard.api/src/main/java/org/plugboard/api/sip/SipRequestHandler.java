package org.plugboard.api.sip;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Handles incoming SIP requests of the methods named in its {@link #METHODS} service property.
 * The SIP bundle calls it on a stack thread: a handler must answer quickly and never block
 * (hand slow work to its own executor and answer from there).
 */
@ConsumerType
public interface SipRequestHandler {
    /** Service property (String or String[]): the SIP methods this handler takes, e.g. {@code REGISTER}. */
    String METHODS = "plugboard.sip.methods";

    /** Service property (String or String[]): option tags the handler supports, advertised in Supported. */
    String OPTION_TAGS = "plugboard.sip.optiontags";

    void handle(ServerRequest request);
}
