package org.plugboard.sip.internal;

import javax.sip.message.Response;

/**
 * How the answer to one request leaves: through its server transaction in production
 * ({@link TransactionWire}), into a list in tests. Failures are logged by the wire, never thrown.
 */
interface ResponseWire {
    /** @return true when the response was handed to the network */
    boolean send(Response response);

    /**
     * While {@code hold} is true, the stack's own 100 Trying for this request stays unsent: a request parked during an
     * update must leave its caller retransmitting, so that the next version gets it should this one drop it.
     */
    default void holdAutomaticTrying(boolean hold) {
    }
}
