package org.plugboard.registrar.internal;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import javax.sip.InvalidArgumentException;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RequireHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.UserAgentHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.plugboard.api.directory.DigestAlgorithm;
import org.plugboard.api.directory.Directory;
import org.plugboard.api.directory.Extension;
import org.plugboard.api.location.Binding;
import org.plugboard.api.security.AuthFailureGuard;
import org.plugboard.api.sip.ServerRequest;
import org.plugboard.api.sip.SipRequestHandler;
import org.plugboard.api.sip.SipService;
import org.plugboard.api.sip.StatelessChallenger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REGISTER as RFC 3261 section 10.3 describes it, behind digest authentication. It takes the SIP factories from
 * each request rather than referencing SipService: the SIP bundle references every handler, and a reference back
 * would be a cycle that Felix SCR resolves only by luck of ordering. Its nonces come from {@link NonceService},
 * shared with the {@link ProxyAuthenticator}. A change of bindings is answered 200 only once the location store has
 * committed it (on its own threads: the stack thread never waits for SQL), so a kill -9 after the 200 loses nothing.
 */
@Component(service = {SipRequestHandler.class, StatelessChallenger.class}, configurationPid = "org.plugboard.registrar",
        property = {SipRequestHandler.METHODS + "=REGISTER", StatelessChallenger.METHODS + "=REGISTER"})
@Designate(ocd = RegistrarConfig.class)
public class RegisterHandler implements SipRequestHandler, StatelessChallenger {
    private static final Logger LOG = LoggerFactory.getLogger(RegisterHandler.class);
    private static final int MAX_CONTACT_LENGTH = 1000;
    private static final int MAX_CONTACTS_PER_REQUEST = 20;

    private final Directory directory;
    private final LocationStore location;
    private final AuthFailureGuard guard;
    private final DigestAuthenticator authenticator;
    private final ExpiryRules expiry;
    private final int retryAfter;

    @Activate
    public RegisterHandler(@Reference Directory directory, @Reference LocationStore location,
            @Reference AuthFailureGuard guard, @Reference NonceService nonces, RegistrarConfig config) {
        this.directory = directory;
        this.location = location;
        this.guard = guard;
        this.authenticator = new DigestAuthenticator(DigestAuthenticator.Headers.WWW, directory, nonces.nonces(),
                algorithms(config.algorithms()), config.require_qop());
        this.expiry = new ExpiryRules(config.min_expires(), config.max_expires(), config.default_expires());
        if (config.store_retry_after() < 1 || config.store_retry_after() > 3600) {
            throw new IllegalArgumentException("org.plugboard.registrar store.retry.after = " + config.store_retry_after()
                    + " s: use 1 to 3600, e.g. 20");
        }
        this.retryAfter = config.store_retry_after();
        LOG.info("Registrar ready: realm '{}', algorithms {}, expiry {}..{} s (default {})", directory.realm(),
                List.of(config.algorithms()), config.min_expires(), config.max_expires(), config.default_expires());
    }

    static List<DigestAlgorithm> algorithms(String[] names) {
        List<DigestAlgorithm> out = new ArrayList<>();
        for (String n : ConfigLists.items(names)) {
            DigestAlgorithm a = DigestAlgorithm.fromSip(n);
            if (a == null) {
                throw new IllegalArgumentException("Unknown digest algorithm '" + n + "' in org.plugboard.registrar "
                        + "algorithms: use MD5 and/or SHA-256");
            }
            if (!out.contains(a)) {
                out.add(a);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("org.plugboard.registrar algorithms is empty: give MD5 and/or SHA-256");
        }
        return out;
    }

    /**
     * A REGISTER without any Authorization and without Require gets nothing but the 401 from {@link #register}
     * (whatever its user, so the answer reveals no extension): the SIP bundle may send it statelessly. One with
     * credentials, even for another realm, or with Require, goes to {@link #handle}.
     */
    @Override
    public int challengeStatus(Request request, String profile) {
        return Request.REGISTER.equals(request.getMethod()) && request.getHeader(RequireHeader.NAME) == null
                && request.getHeader(AuthorizationHeader.NAME) == null ? Response.UNAUTHORIZED : 0;
    }

    @Override
    public void addChallenge(Response response, HeaderFactory headers) {
        try {
            authenticator.addChallenges(response, headers, false);
        } catch (ParseException e) {
            throw new IllegalStateException("Cannot build WWW-Authenticate for realm '" + directory.realm() + "'", e);
        }
    }

    @Override
    public void handle(ServerRequest exchange) {
        try {
            register(exchange);
        } catch (ParseException | InvalidArgumentException e) {
            exchange.respond(Response.BAD_REQUEST, "Bad REGISTER: " + e.getMessage());
        }
    }

    private void register(ServerRequest exchange) throws ParseException, InvalidArgumentException {
        Request request = exchange.request();
        HeaderFactory headers = exchange.sip().headerFactory();

        RequireHeader require = (RequireHeader) request.getHeader(RequireHeader.NAME);
        if (require != null) {
            Response r = exchange.createResponse(Response.BAD_EXTENSION);
            r.addHeader(headers.createUnsupportedHeader(require.getOptionTag()));
            exchange.respond(r);
            return;
        }

        DigestAuthenticator.Outcome outcome = authenticator.authenticate(request);
        if (outcome instanceof DigestAuthenticator.Challenge c) {
            Response r = exchange.createResponse(Response.UNAUTHORIZED);
            authenticator.addChallenges(r, headers, c.stale());
            exchange.respond(r);
            return;
        }
        if (outcome instanceof DigestAuthenticator.Forbidden f) {
            if (f.countsAsFailure()) {
                guard.recordFailure(exchange.source().getAddress());
            }
            exchange.respond(Response.FORBIDDEN, f.reason());
            return;
        }
        String user = ((DigestAuthenticator.Ok) outcome).user();
        String aor = userOf(((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI());
        if (!user.equals(aor)) {
            guard.recordFailure(exchange.source().getAddress());
            exchange.respond(Response.FORBIDDEN, "Credentials of " + user + " cannot register " + aor);
            return;
        }
        guard.recordSuccess(exchange.source().getAddress());
        Optional<Extension> extension = directory.find(aor);
        if (extension.isEmpty()) { // removed between the HA1 lookup and now
            exchange.respond(Response.FORBIDDEN, "Wrong credentials");
            return;
        }
        updateBindings(exchange, extension.get());
    }

    private void updateBindings(ServerRequest exchange, Extension extension) throws ParseException, InvalidArgumentException {
        Request request = exchange.request();
        SipService sip = exchange.sip();
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        long cseq = ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
        ExpiresHeader expiresHeader = request.getExpires();
        int headerExpires = expiresHeader == null ? -1 : expiresHeader.getExpires();
        UserAgentHeader ua = (UserAgentHeader) request.getHeader(UserAgentHeader.NAME);
        String userAgent = ua == null ? "" : truncate(String.join(" ", toStrings(ua.getProduct())), 256);
        String source = exchange.source().getAddress().getHostAddress() + ":" + exchange.source().getPort();

        List<ContactHeader> contacts = new ArrayList<>();
        boolean wildcard = false;
        ListIterator<?> it = request.getHeaders(ContactHeader.NAME);
        while (it.hasNext()) {
            ContactHeader c = (ContactHeader) it.next();
            wildcard |= c.isWildCard();
            contacts.add(c);
        }

        LocationStore.Change change;
        if (wildcard) {
            // RFC 3261 10.3 step 6: "*" only alone and only with Expires: 0
            if (contacts.size() != 1 || headerExpires != 0) {
                exchange.respond(Response.BAD_REQUEST, "Contact * needs Expires: 0 and no other Contact");
                return;
            }
            change = location.update(extension.number(), live -> staleOrder(live, callId, cseq) ? live : List.of());
        } else if (contacts.isEmpty()) { // a query: answer with the current bindings, nothing to store
            change = new LocationStore.Change(location.lookup(extension.number()), CompletableFuture.completedFuture(null));
        } else {
            if (contacts.size() > MAX_CONTACTS_PER_REQUEST) {
                exchange.respond(Response.BAD_REQUEST, "Too many Contact headers");
                return;
            }
            List<Binding> wanted = new ArrayList<>();
            Instant now = location.now();
            for (ContactHeader c : contacts) {
                String uri = c.getAddress().getURI().toString();
                if (uri.length() > MAX_CONTACT_LENGTH) {
                    exchange.respond(Response.BAD_REQUEST, "Contact URI too long");
                    return;
                }
                int requested = expiry.requested(c.getExpires(), headerExpires);
                if (expiry.tooBrief(requested)) {
                    Response r = exchange.createResponse(Response.INTERVAL_TOO_BRIEF);
                    r.addHeader(sip.headerFactory().createMinExpiresHeader(expiry.min()));
                    exchange.respond(r);
                    return;
                }
                String instance = c.getParameter("+sip.instance");
                wanted.add(new Binding(extension.number(), uri, now.plusSeconds(expiry.granted(requested)), callId, cseq,
                        source, exchange.transport(), userAgent, instance == null ? "" : truncate(instance, 256)));
            }
            boolean[] outOfOrder = {false};
            change = location.update(extension.number(), live -> {
                if (staleOrder(live, callId, cseq, wanted)) {
                    outOfOrder[0] = true;
                    return live;
                }
                return merge(live, wanted, extension.maxDevices(), now);
            });
            if (outOfOrder[0]) {
                exchange.respond(Response.SERVER_INTERNAL_ERROR, "Out of order REGISTER (CSeq not higher)");
                return;
            }
        }
        Response ok = exchange.createResponse(Response.OK); // built here, sent once the binding is committed
        Instant now = location.now();
        for (Binding b : change.bindings()) {
            ContactHeader ch = sip.headerFactory().createContactHeader(sip.addressFactory().createAddress(b.contact()));
            ch.setExpires((int) b.secondsLeft(now));
            ok.addHeader(ch);
        }
        ok.addHeader(sip.headerFactory().createDateHeader(Calendar.getInstance(java.util.TimeZone.getTimeZone("GMT"))));
        change.stored().whenComplete((stored, failure) -> {
            if (failure == null) {
                exchange.respond(ok);
            } else {
                notStored(exchange, failure);
            }
        });
    }

    /**
     * The binding is in memory (calls reach the phone) but not committed: never a 200 the PBX could not keep after a
     * kill -9. 500 with Retry-After, spread at random so phones do not all return at once (docs/decisions.md).
     */
    private void notStored(ServerRequest exchange, Throwable failure) {
        LOG.debug("REGISTER from {} not stored: {}", exchange.source(), failure.getMessage());
        try {
            Response r = exchange.createResponse(Response.SERVER_INTERNAL_ERROR, "Registration Not Stored");
            int seconds = retryAfter + ThreadLocalRandom.current().nextInt(retryAfter / 2 + 1);
            r.addHeader(exchange.sip().headerFactory().createRetryAfterHeader(seconds));
            exchange.respond(r);
        } catch (InvalidArgumentException | RuntimeException e) {
            LOG.warn("Could not answer a REGISTER from {} that was not stored: {}", exchange.source(), e.toString());
        }
    }

    /** RFC 3261 10.3 step 7: a binding refreshed from the same Call-ID must come with a higher CSeq. */
    static boolean staleOrder(List<Binding> live, String callId, long cseq, List<Binding> wanted) {
        for (Binding w : wanted) {
            for (Binding b : live) {
                if (b.contact().equals(w.contact()) && b.callId().equals(callId) && cseq <= b.cseq()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean staleOrder(List<Binding> live, String callId, long cseq) {
        return live.stream().anyMatch(b -> b.callId().equals(callId) && cseq <= b.cseq());
    }

    /**
     * New and refreshed contacts go first (newest first); expires 0 removes; a device that re-registers with the same
     * +sip.instance replaces its old contact; beyond the extension's device limit the oldest bindings are dropped,
     * so with one device allowed the newest registration replaces the old one.
     */
    static List<Binding> merge(List<Binding> live, List<Binding> wanted, int maxDevices, Instant now) {
        List<Binding> next = new ArrayList<>();
        for (Binding w : wanted) {
            if (w.expiresAt().isAfter(now) && next.stream().noneMatch(n -> n.contact().equals(w.contact()))) {
                next.add(w);
            }
        }
        for (Binding b : live) {
            boolean replaced = wanted.stream().anyMatch(w -> w.contact().equals(b.contact())
                    || (!w.instanceId().isEmpty() && w.instanceId().equals(b.instanceId())));
            if (!replaced) {
                next.add(b);
            }
        }
        return next.size() > maxDevices ? new ArrayList<>(next.subList(0, maxDevices)) : next;
    }

    static String userOf(URI uri) {
        if (uri instanceof SipURI sipUri) {
            return sipUri.getUser() == null ? "" : sipUri.getUser();
        }
        String s = uri.toString(); // tel:1001
        int colon = s.indexOf(':');
        int semi = s.indexOf(';');
        return s.substring(colon + 1, semi > 0 ? semi : s.length());
    }

    private static List<String> toStrings(ListIterator<?> it) {
        List<String> out = new ArrayList<>();
        while (it.hasNext()) {
            out.add(String.valueOf(it.next()));
        }
        return out;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
