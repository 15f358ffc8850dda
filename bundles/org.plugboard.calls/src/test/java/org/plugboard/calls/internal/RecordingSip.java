package org.plugboard.calls.internal;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;

import org.plugboard.api.sip.NextHop;
import org.plugboard.api.sip.SipService;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;

/**
 * The SIP service as the B2BUA sees it, with the real JAIN-SIP RI factories and no network: every request the
 * B2BUA sends ({@code send}, {@code cancel}, {@code sendAck}) is recorded with its hop and profile, in order.
 */
final class RecordingSip implements SipService {
    static final String PBX_HOST = "127.0.5.1";

    /** One request the B2BUA sent; {@code tx} is null for an ACK (no transaction). */
    record Sent(Request request, NextHop hop, String profile, ClientTransaction tx) {
        String method() {
            return request.getMethod();
        }

        String callId() {
            return ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        }

        String header(String name) {
            return request.getHeader(name) == null ? null : Phone.value(request, name);
        }

        String body() {
            return request.getRawContent() == null ? null : new String(request.getRawContent(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final AddressFactory addresses = new AddressFactoryImpl();
    private final HeaderFactory headers = new HeaderFactoryImpl();
    private final MessageFactory messages = new MessageFactoryImpl();
    private final List<Sent> sent = new ArrayList<>();
    private int branch;
    private int taken;
    private volatile java.util.function.Function<NextHop, SipException> sendFailure = hop -> null;

    /** Sends toward a hop for which {@code failure} gives an exception fail with it (a peer that cannot be connected). */
    void failSendsTo(java.util.function.Function<NextHop, SipException> failure) {
        sendFailure = failure;
    }

    @Override
    public AddressFactory addressFactory() {
        return addresses;
    }

    @Override
    public HeaderFactory headerFactory() {
        return headers;
    }

    @Override
    public MessageFactory messageFactory() {
        return messages;
    }

    @Override
    public Set<String> allowedMethods() {
        return Set.of("INVITE", "ACK", "BYE", "CANCEL", "PRACK", "UPDATE", "INFO", "OPTIONS", "REGISTER");
    }

    @Override
    public SipURI localUri(NextHop toward) {
        try {
            SipURI uri = addresses.createSipURI(null, PBX_HOST);
            uri.setPort(5060);
            return uri;
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ViaHeader createVia(NextHop toward) {
        try {
            return headers.createViaHeader(PBX_HOST, 5060, toward.transport(), null);
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ClientTransaction send(Request request, NextHop hop, String owner, String profile) throws SipException {
        if (!"calls".equals(owner)) {
            throw new SipException("responses of the B2BUA's requests must come back to owner calls, not " + owner);
        }
        SipException failed = sendFailure.apply(hop);
        if (failed != null) {
            throw failed;
        }
        try {
            ((ViaHeader) request.getHeader(ViaHeader.NAME)).setBranch("z9hG4bK-pbx-" + ++branch);
        } catch (ParseException e) {
            throw new SipException("bad branch", e);
        }
        ClientTransaction tx = new RecordingTransaction(request);
        sent.add(new Sent(request, hop, profile, tx));
        return tx;
    }

    @Override
    public ClientTransaction cancel(ClientTransaction invite, String reason, String profile) throws SipException {
        Request cancel = invite.createCancel();
        if (reason != null) {
            try {
                cancel.addHeader(headers.createHeader("Reason", reason));
            } catch (ParseException e) {
                throw new SipException("bad Reason " + reason, e);
            }
        }
        NextHop hop = sent.stream().filter(s -> s.tx() == invite).map(Sent::hop).findFirst().orElse(null);
        ClientTransaction tx = new RecordingTransaction(cancel);
        sent.add(new Sent(cancel, hop, profile, tx));
        return tx;
    }

    @Override
    public void sendAck(Request ack, NextHop hop, String profile) {
        sent.add(new Sent(ack, hop, profile, null));
    }

    /** Everything sent so far. */
    List<Sent> all() {
        return List.copyOf(sent);
    }

    /** What was sent since the last call of {@code taken()}: a test reads the wire step by step. */
    List<Sent> taken() {
        List<Sent> news = List.copyOf(sent.subList(taken, sent.size()));
        taken = sent.size();
        return news;
    }

    /** Every request sent with this method, in order. */
    List<Sent> sent(String method) {
        return sent.stream().filter(s -> s.method().equals(method)).toList();
    }

    /** Every request sent with this method toward this phone (by its hop), in order. */
    List<Sent> sent(String method, Phone to) {
        Predicate<Sent> toPhone = s -> s.hop() != null && s.hop().host().equals(to.host) && s.hop().port() == to.port;
        return sent.stream().filter(s -> s.method().equals(method)).filter(toPhone).toList();
    }

    /** The only request sent with this method toward this phone; fails when there are none or several. */
    Sent one(String method, Phone to) {
        List<Sent> l = sent(method, to);
        if (l.size() != 1) {
            throw new AssertionError("expected one " + method + " toward " + to + ", got " + l.size() + ": " + sent);
        }
        return l.get(0);
    }

    /** The last request sent with this method toward this phone. */
    Sent last(String method, Phone to) {
        List<Sent> l = sent(method, to);
        if (l.isEmpty()) {
            throw new AssertionError("no " + method + " toward " + to + " in " + sent);
        }
        return l.get(l.size() - 1);
    }
}
