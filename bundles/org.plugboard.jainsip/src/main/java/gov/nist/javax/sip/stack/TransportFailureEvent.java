package gov.nist.javax.sip.stack;

import javax.sip.IOExceptionEvent;

/**
 * Plugboard's addition to the RI: a client transaction ended because its connection failed before the request could
 * be delivered (a TLS handshake refused or cut off), with what went wrong. The RI's own {@link IOExceptionEvent}
 * names only the peer; the listener needs the cause to tell the transaction's owner why (RFC 3261 8.1.3.1: a
 * transport error is treated as a 503). Its source is the transaction, as for the RI's event.
 */
public class TransportFailureEvent extends IOExceptionEvent {
    private static final long serialVersionUID = 1L;

    private final transient Throwable cause;

    public TransportFailureEvent(SIPClientTransaction source, String host, int port, String transport, Throwable cause) {
        super(source, host, port, transport);
        this.cause = cause;
    }

    /** Why the connection failed: the handshake's exception, or null when the peer closed it without one. */
    public Throwable cause() {
        return cause;
    }
}
