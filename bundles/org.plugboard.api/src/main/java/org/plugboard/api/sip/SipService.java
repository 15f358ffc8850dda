package org.plugboard.api.sip;

import java.util.Set;

import javax.sip.ClientTransaction;
import javax.sip.SipException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The running SIP stack as plugins see it: the JAIN-SIP factories, the listening points, and the client side
 * (requests we originate). Every message sent here passes the outbound rewriters of {@code profile}.
 */
@ProviderType
public interface SipService {
    AddressFactory addressFactory();

    HeaderFactory headerFactory();

    MessageFactory messageFactory();

    /** Methods answered by some handler, as advertised in Allow. */
    Set<String> allowedMethods();

    /**
     * Our address as the peer at {@code toward} should see it: a listening point of the transport and address
     * family of the hop, as a SIP URI without user part (for Contact headers).
     */
    SipURI localUri(NextHop toward);

    /** A Via for a request we originate toward {@code hop}; {@link #send} fills in the branch. */
    ViaHeader createVia(NextHop toward);

    /**
     * Sends a request in a new client transaction to {@code hop}, whatever its Request-URI says. Responses and the
     * timeout go to the {@link SipResponseHandler} registered under {@code owner}.
     *
     * @throws SipException when the request cannot be sent (no listening point for the transport, I/O error)
     */
    ClientTransaction send(Request request, NextHop hop, String owner, String profile) throws SipException;

    /**
     * Sends CANCEL for an INVITE sent with {@link #send} that has had a provisional response (RFC 3261 9.1).
     *
     * @param reason value of a Reason header (RFC 3326) for the CANCEL, e.g.
     *               {@code SIP;cause=200;text="Call completed elsewhere"}, or null
     */
    ClientTransaction cancel(ClientTransaction invite, String reason, String profile) throws SipException;

    /** Sends a request outside any transaction: the ACK to a 2xx (RFC 3261 13.2.2.4). */
    void sendAck(Request ack, NextHop hop, String profile) throws SipException;
}
