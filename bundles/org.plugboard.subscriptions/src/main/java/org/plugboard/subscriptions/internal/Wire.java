package org.plugboard.subscriptions.internal;

import javax.sip.SipException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;

import org.plugboard.api.sip.NextHop;

/** What the layer needs from the SIP stack: its factories, our address toward a hop, and sending a request. */
interface Wire {
    AddressFactory addresses();

    HeaderFactory headers();

    MessageFactory messages();

    SipURI localUri(NextHop toward);

    ViaHeader createVia(NextHop toward);

    /** Sends in a new client transaction (responses come back to the layer under its owner name). */
    void send(Request request, NextHop hop, String profile) throws SipException;
}
