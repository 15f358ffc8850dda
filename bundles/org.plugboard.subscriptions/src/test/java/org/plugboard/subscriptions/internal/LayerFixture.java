package org.plugboard.subscriptions.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.sip.SipFactory;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.HeaderFactory;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.security.AuthFailureGuard;
import org.plugboard.api.security.Ban;
import org.plugboard.api.security.RequestAuthenticator;
import org.plugboard.api.sip.NextHop;
import org.plugboard.api.sip.ServerRequest;
import org.plugboard.api.sip.SipProfileResolver;
import org.plugboard.api.sip.SipService;
import org.plugboard.api.subscription.EventPackage;
import org.plugboard.api.subscription.ResourceChanges;
import org.plugboard.api.subscription.Watch;

/**
 * What every layer test needs: real JAIN-SIP factories and messages, a recording wire, a manual clock and timers, a
 * digest stand-in with a ban guard that counts like the registrar's, and a small event package.
 */
abstract class LayerFixture {
    static final String PHONE = "127.0.0.1";
    static final int PHONE_PORT = 16620;

    final AddressFactory addresses;
    final HeaderFactory headers;
    final MessageFactory messages;
    final AtomicLong now = new AtomicLong(1_000_000);
    final List<Request> sent = new ArrayList<>();
    final List<NextHop> hops = new ArrayList<>();
    final List<Timer> timers = new ArrayList<>();
    final Guard guard = new Guard();
    final TestPackage dialog = new TestPackage("dialog");
    final Packages packages = new Packages();
    Limits limits = new Limits(60, 3600, 3600, 3, 30);
    final SubscriptionLayer layer;
    private int calls;

    record Timer(Runnable task, long due, boolean[] cancelled) {
    }

    LayerFixture() {
        SipFactory sip = SipFactory.getInstance();
        sip.setPathName("gov.nist");
        try {
            addresses = sip.createAddressFactory();
            headers = sip.createHeaderFactory();
            messages = sip.createMessageFactory();
        } catch (javax.sip.PeerUnavailableException e) {
            throw new IllegalStateException(e);
        }
        layer = newLayer();
        bind(dialog);
    }

    SubscriptionLayer newLayer() {
        return new SubscriptionLayer(packages, new Authenticator(), () -> guard, () -> limits, wire(), this::schedule, now::get);
    }

    void bind(TestPackage p) {
        bind(p, layer);
    }

    void bind(TestPackage p, SubscriptionLayer into) {
        packages.add(p, p.event(), 0, p.hashCode());
        p.open(resource -> into.changed(p.event(), resource)); // the component queues this on the layer's thread
        into.packageArrived(p.event());
    }

    void unbind(TestPackage p, SubscriptionLayer from) {
        packages.remove(p);
        from.packageLeft(p.event());
    }

    // ---- the wire, the clock ----------------------------------------------------------------------------

    Wire wire() {
        return new Wire() {
            int branches;

            @Override
            public AddressFactory addresses() {
                return addresses;
            }

            @Override
            public HeaderFactory headers() {
                return headers;
            }

            @Override
            public MessageFactory messages() {
                return messages;
            }

            @Override
            public SipURI localUri(NextHop toward) {
                try {
                    SipURI u = addresses.createSipURI(null, "127.0.0.1");
                    u.setPort(15060);
                    return u;
                } catch (ParseException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public ViaHeader createVia(NextHop toward) {
                try {
                    return headers.createViaHeader("127.0.0.1", 15060, "UDP", "z9hG4bK-notify-" + (++branches));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void send(Request request, NextHop hop, String profile) {
                assertEquals(SipProfileResolver.DEFAULT_PROFILE, profile);
                sent.add(request);
                hops.add(hop);
            }
        };
    }

    Runnable schedule(Runnable task, long delay) {
        boolean[] cancelled = {false};
        timers.add(new Timer(task, now.get() + delay, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves the clock and runs the timers that are due, in order. */
    void advance(long millis) {
        long end = now.get() + millis;
        while (true) {
            Timer next = timers.stream().filter(t -> !t.cancelled()[0] && t.due() <= end)
                    .min(java.util.Comparator.comparingLong(Timer::due)).orElse(null);
            if (next == null) {
                break;
            }
            now.set(Math.max(now.get(), next.due()));
            next.cancelled()[0] = true;
            next.task().run();
        }
        now.set(end);
    }

    // ---- SUBSCRIBE ------------------------------------------------------------------------------------------

    /** An initial SUBSCRIBE from {@code user}'s phone for {@code resource}; {@code password} null sends no credentials. */
    Exchange subscribe(String user, String password, String resource, String event, int expires) throws Exception {
        String callId = "sub-" + (++calls) + "@" + PHONE;
        return send(subscribeRequest(user, password, resource, event, expires, callId, "ft" + calls, 1, null));
    }

    Request subscribeRequest(String user, String password, String resource, String event, int expires, String callId, String fromTag,
            long cseq, String toTag) throws ParseException {
        StringBuilder m = new StringBuilder();
        m.append("SUBSCRIBE sip:").append(resource).append("@127.0.0.1:15060 SIP/2.0\r\n")
                .append("Via: SIP/2.0/UDP ").append(PHONE).append(':').append(PHONE_PORT).append(";branch=z9hG4bK-s").append(cseq).append(callId.hashCode()).append("\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: <sip:").append(user).append("@127.0.0.1>;tag=").append(fromTag).append("\r\n")
                .append("To: <sip:").append(resource).append("@127.0.0.1>").append(toTag == null ? "" : ";tag=" + toTag).append("\r\n")
                .append("Call-ID: ").append(callId).append("\r\n")
                .append("CSeq: ").append(cseq).append(" SUBSCRIBE\r\n")
                .append("Contact: <sip:").append(user).append('@').append(PHONE).append(':').append(PHONE_PORT).append(">\r\n");
        if (event != null) {
            m.append("Event: ").append(event).append("\r\n");
        }
        m.append("Accept: application/dialog-info+xml\r\n");
        if (expires >= 0) {
            m.append("Expires: ").append(expires).append("\r\n");
        }
        if (password != null) {
            m.append("Proxy-Authorization: Digest username=\"").append(user).append("\", realm=\"plugboard\", nonce=\"n\", uri=\"sip:")
                    .append(resource).append("@127.0.0.1\", response=\"").append(password).append("\"\r\n");
        }
        m.append("Content-Length: 0\r\n\r\n");
        return messages.createRequest(m.toString());
    }

    /** The same dialog's next SUBSCRIBE (refresh or, with 0, unsubscribe). */
    Exchange resubscribe(Exchange first, int expires) throws Exception {
        Request f = first.request();
        long cseq = SubscribeRequests.cseq(f) + first.later++;
        String user = ((SipURI) ((javax.sip.header.FromHeader) f.getHeader("From")).getAddress().getURI()).getUser();
        return send(subscribeRequest(user, null, SubscribeRequests.resource(f), SubscribeRequests.event(f).getEventType(), expires,
                SubscribeRequests.callId(f), SubscribeRequests.fromTag(f), cseq, first.localTag()));
    }

    Exchange send(Request r) {
        Exchange ex = new Exchange(r);
        layer.subscribe(ex);
        return ex;
    }

    /** Subscribes 1001 to 1002 (credentials right) and answers the first NOTIFY 200. */
    Exchange subscribed() throws Exception {
        Exchange ex = subscribe("1001", "good", "1002", "dialog", 600);
        assertEquals(200, ex.status());
        answer(lastNotify(), 200);
        return ex;
    }

    // ---- NOTIFY -------------------------------------------------------------------------------------------

    Request lastNotify() {
        assertTrue(!sent.isEmpty(), "no NOTIFY sent");
        return sent.get(sent.size() - 1);
    }

    void answer(Request notify, int status) throws Exception {
        layer.answered(messages.createResponse(status, notify));
    }

    static String state(Request notify) {
        return ((SubscriptionStateHeader) notify.getHeader(SubscriptionStateHeader.NAME)).getState();
    }

    static String body(Request notify) {
        return notify.getRawContent() == null ? "" : new String(notify.getRawContent(), StandardCharsets.UTF_8);
    }

    // ---- stand-ins --------------------------------------------------------------------------------------

    /** A received SUBSCRIBE and what we answered; createResponse adds a To-tag like the SIP bundle's. */
    final class Exchange implements ServerRequest {
        private final Request request;
        final List<Response> responses = new ArrayList<>();
        int later = 1;

        Exchange(Request request) {
            this.request = request;
        }

        @Override public Request request() { return request; }
        @Override public InetSocketAddress source() { return new InetSocketAddress(InetAddress.getLoopbackAddress(), PHONE_PORT); }
        @Override public String transport() { return "UDP"; }
        @Override public String profile() { return SipProfileResolver.DEFAULT_PROFILE; }
        @Override public SipService sip() { throw new UnsupportedOperationException(); }
        @Override public Response createResponse(int statusCode) { return createResponse(statusCode, null); }

        @Override
        public Response createResponse(int statusCode, String reasonPhrase) {
            try {
                Response r = messages.createResponse(statusCode, request);
                if (reasonPhrase != null) {
                    r.setReasonPhrase(reasonPhrase);
                }
                ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
                if (statusCode > 100 && to.getTag() == null) {
                    to.setTag("lt" + Long.toHexString(System.nanoTime()));
                }
                return r;
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void respond(Response response) {
            responses.add(response);
        }

        Response response() {
            assertEquals(1, responses.size(), "responses: " + responses);
            return responses.get(0);
        }

        int status() {
            return responses.isEmpty() ? 0 : response().getStatusCode();
        }

        String localTag() {
            return ((ToHeader) response().getHeader(ToHeader.NAME)).getTag();
        }
    }

    /** Answers like the registrar's authenticator: response="good" is right, anything else wrong (and counted). */
    final class Authenticator implements RequestAuthenticator {
        @Override
        public Verdict verify(Request request, InetAddress source) {
            javax.sip.header.Header h = request.getHeader("Proxy-Authorization");
            if (h == null) {
                return new Verdict(Status.CHALLENGE, null, "No credentials");
            }
            String v = h.toString();
            if (v.contains("response=\"good\"")) {
                guard.recordSuccess(source);
                String user = v.replaceAll("(?s).*username=\"([^\"]+)\".*", "$1");
                return new Verdict(Status.OK, user, "Authenticated");
            }
            guard.recordFailure(source);
            return new Verdict(Status.FORBIDDEN, null, "Wrong Credentials");
        }

        @Override
        public void challenge(Response response, boolean stale) {
            try {
                response.addHeader(headers.createHeader("Proxy-Authenticate", "Digest realm=\"plugboard\", nonce=\"n\""));
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The registrar's rule: 5 failures ban the address. */
    static final class Guard implements AuthFailureGuard {
        final Map<String, Integer> failures = new HashMap<>();

        @Override public boolean isBanned(InetAddress source) { return failures.getOrDefault(source.getHostAddress(), 0) >= 5; }
        @Override public void recordFailure(InetAddress source) { failures.merge(source.getHostAddress(), 1, Integer::sum); }
        @Override public void recordSuccess(InetAddress source) { failures.remove(source.getHostAddress()); }
        @Override public List<Ban> bans() { return List.of(); }
        @Override public boolean lift(String address) { return failures.remove(address) != null; }
        @Override public int liftAll() { failures.clear(); return 0; }
    }

    /** A package whose resources' states are strings the test sets; 9999 does not exist, 1003 may not be watched by 1004. */
    static final class TestPackage implements EventPackage {
        private final String event;
        final Map<String, String> states = new HashMap<>();
        ResourceChanges changes;

        TestPackage(String event) {
            this.event = event;
        }

        void set(String resource, String state) {
            states.put(resource, state);
            changes.changed(resource);
        }

        @Override public String event() { return event; }
        @Override public String contentType() { return "application/dialog-info+xml"; }

        @Override
        public Access authorize(String subscriber, String resource) {
            if ("9999".equals(resource)) {
                return Access.NO_SUCH_RESOURCE;
            }
            return "1004".equals(subscriber) && "1003".equals(resource) ? Access.FORBIDDEN : Access.ALLOWED;
        }

        @Override
        public byte[] body(Watch w) {
            return (w.entity() + " v" + w.version() + " " + states.getOrDefault(w.resource(), "idle")).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void open(ResourceChanges c) {
            changes = c;
        }
    }
}
