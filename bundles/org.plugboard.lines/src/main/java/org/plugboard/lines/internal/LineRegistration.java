package org.plugboard.lines.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.text.ParseException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.security.DigestClient;
import org.plugboard.api.sip.NextHop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line's registration with its provider (RFC 3261 10.2): register, answer one challenge per REGISTER, refresh
 * at 85% of the granted expiry, retry failures with a doubling delay, honour 423 Min-Expires, unregister when
 * stopped. Responses are matched by the client transaction's branch, never by Call-ID (a rewriter may change it).
 * <p>
 * Not thread-safe: the registry calls every method on its one executor thread. {@link #status()} is a snapshot
 * any thread may read.
 */
final class LineRegistration {
    private static final Logger LOG = LoggerFactory.getLogger(LineRegistration.class);
    static final double REFRESH_AT = 0.85;

    /** What a line needs from the SIP stack. */
    interface Wire {
        SipURI localUri(NextHop toward);

        ViaHeader createVia(NextHop toward);

        /** Sends in a new client transaction; returns its branch. */
        String send(Request request, NextHop hop, String profile) throws SipException;
    }

    /** Runs a task later on the registry's thread; returns a handle that cancels it. */
    interface Timers {
        Runnable schedule(Runnable task, long delayMillis);
    }

    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** The REGISTER in flight. */
    private record Pending(String branch, Request request, int expires, boolean authorized, boolean unregister) {
    }

    private final LineSettings line;
    private final Sequence sequence;
    private final java.util.function.Supplier<RegisterRequests> requests;
    private final DigestClient digest;
    private final Wire wire;
    private final Timers timers;
    private final Resolver resolver;
    private final LongSupplier clock;

    private NextHop hop;
    private volatile List<InetAddress> addresses = List.of();
    private Pending pending;
    private Runnable cancelTimer = () -> { };
    private long timerDue = -1;
    private int askedExpires;
    private boolean everAccepted;
    private boolean stopped;
    private CompletableFuture<Void> unregistered;
    private LineState state = LineState.UNREGISTERED;
    private String lastResponse = "";
    private long expiresAt = -1;
    private int failures;
    private volatile LineStatus status;
    private volatile java.util.function.BiConsumer<LineStatus, LineStatus> changes = (before, after) -> { };

    LineRegistration(LineSettings line, Sequence sequence, java.util.function.Supplier<RegisterRequests> requests, DigestClient digest, Wire wire,
            Timers timers, Resolver resolver, LongSupplier clock) {
        this.line = line;
        this.sequence = sequence;
        this.requests = requests;
        this.digest = digest;
        this.wire = wire;
        this.timers = timers;
        this.resolver = resolver;
        this.clock = clock;
        this.askedExpires = line.expires();
        publish();
    }

    LineSettings settings() {
        return line;
    }

    LineStatus status() {
        return status;
    }

    /** Told (on the registry's thread) when the state, last answer or address changes: before, after. */
    void onChange(java.util.function.BiConsumer<LineStatus, LineStatus> listener) {
        changes = listener;
    }

    /** The provider's (or proxy's) addresses, for classifying inbound messages; empty until resolved. */
    List<InetAddress> addresses() {
        return addresses;
    }

    /** Where this line's messages go: the first resolved address of the proxy/domain; null until resolved. */
    NextHop resolvedHop() {
        List<InetAddress> all = addresses;
        return all.isEmpty() ? null : new NextHop(all.get(0).getHostAddress(), line.target().port(), line.transport());
    }

    void start() {
        if (!resolve()) {
            return;
        }
        if (line.register()) {
            sendRegister(askedExpires, null);
        } else {
            lastResponse = "registration off";
            publish();
        }
    }

    /** Resolves the target once per attempt, off the SIP threads; a failure is retried like an error answer. */
    private boolean resolve() {
        try {
            InetAddress[] all = resolver.resolve(line.target().host());
            addresses = List.of(all);
            hop = new NextHop(all[0].getHostAddress(), line.target().port(), line.transport());
            return true;
        } catch (UnknownHostException | RuntimeException e) {
            fail("cannot resolve " + line.target().host());
            return false;
        }
    }

    // ---- sending ----------------------------------------------------------------------------------------

    private void sendRegister(int expires, URI requestUri) {
        pending = null;
        try {
            Request r = build(expires, requestUri);
            pending = new Pending(wire.send(r, hop, line.profile()), r, expires, false, false);
            publish();
        } catch (ParseException | SipException | RuntimeException e) {
            fail("cannot send: " + e.getMessage());
        }
    }

    private Request build(int expires, URI requestUri) throws ParseException {
        SipURI contact = requests.get().contact(line, wire.localUri(hop));
        URI uri = requestUri != null ? requestUri : requests.get().requestUri(line);
        return requests.get().register(line, new RegisterRequests.Parts(sequence.callId(), sequence.next(), sequence.fromTag(),
                expires, contact, wire.createVia(hop), uri));
    }

    /**
     * The same REGISTER again with credentials. Its Request-URI is the one the previous request was sent with, after
     * the outbound rewriters: the digest covers exactly what the provider sees.
     */
    private void sendAuthorized(Pending previous, Response challenge) {
        try {
            Request r = build(previous.expires(), previous.request().getRequestURI());
            if (!digest.authorize(r, challenge, line.authId(), line.password())) {
                finished(challenge.getStatusCode() + " " + challenge.getReasonPhrase() + " (no usable challenge)", previous);
                return;
            }
            pending = new Pending(wire.send(r, hop, line.profile()), r, previous.expires(), true, previous.unregister());
            publish();
        } catch (ParseException | SipException | RuntimeException e) {
            finished("cannot send: " + e.getMessage(), previous);
        }
    }

    // ---- answers ----------------------------------------------------------------------------------------

    /** @return false when the response is not for this line's REGISTER in flight */
    boolean onResponse(Response response, String branch) {
        Pending p = pending;
        if (p == null || !p.branch().equals(branch)) {
            return false;
        }
        int code = response.getStatusCode();
        if (code < 200) {
            return true;
        }
        pending = null;
        String text = code + " " + response.getReasonPhrase();
        if ((code == Response.UNAUTHORIZED || code == Response.PROXY_AUTHENTICATION_REQUIRED) && !p.authorized()) {
            sendAuthorized(p, response);
        } else if (code < 300) {
            accepted(response, p, text);
        } else if (code == Response.INTERVAL_TOO_BRIEF && !p.unregister()) {
            tooBrief(response, p, text);
        } else {
            finished(text, p);
        }
        return true;
    }

    boolean onTimeout(String branch) {
        Pending p = pending;
        if (p == null || !p.branch().equals(branch)) {
            return false;
        }
        pending = null;
        finished("timeout: no answer from " + hop.host() + ":" + hop.port(), p);
        return true;
    }

    private void accepted(Response ok, Pending p, String text) {
        if (p.unregister()) {
            done(text);
            return;
        }
        int granted = RegisterRequests.grantedExpiry(ok, requests.get().contactOf(p.request()), p.expires());
        everAccepted = true;
        failures = 0;
        if (granted <= 0) { // the registrar dropped our binding at once: treat as a failure worth retrying
            fail(text + " with expiry 0");
            return;
        }
        state = LineState.REGISTERED;
        lastResponse = text;
        expiresAt = clock.getAsLong() + granted * 1000L;
        // a refresh is built from the settings again, so a rewriter installed or removed since applies to it
        schedule(() -> sendRegister(askedExpires, null), Math.max(1000L, (long) (granted * 1000L * REFRESH_AT)));
        LOG.info("Line {} registered at {} for {} s", line.name(), line.domain(), granted);
    }

    private void tooBrief(Response r, Pending p, String text) {
        int min = RegisterRequests.minExpires(r);
        if (min > p.expires()) {
            askedExpires = min;
            LOG.info("Line {}: provider asks for at least {} s (423), registering again", line.name(), min);
            sendRegister(min, null);
        } else {
            fail(text + (min < 0 ? " without Min-Expires" : ""));
        }
    }

    /** A final answer that ends the exchange without a binding (or the end of an unregistration). */
    private void finished(String text, Pending p) {
        if (p.unregister()) {
            done(text);
        } else {
            fail(text);
        }
    }

    private void fail(String text) {
        state = LineState.FAILING;
        lastResponse = text;
        failures++;
        long delay = retryDelaySeconds(failures, line.retryInterval(), line.retryMaxInterval()) * 1000L;
        schedule(this::start, delay);
        LOG.warn("Line {} failing ({}), retry in {} s", line.name(), text, delay / 1000);
    }

    /** 30, 60, 120 ... seconds up to the maximum. */
    static long retryDelaySeconds(int failures, int first, int max) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        return Math.min((long) first << doublings, max);
    }

    // ---- stopping ---------------------------------------------------------------------------------------

    /**
     * Stops refreshing; when the provider may hold a binding (accepted once, or a REGISTER in flight), sends
     * {@code Expires: 0} and answers its challenge. The future completes when that exchange ends.
     */
    CompletableFuture<Void> stop() {
        if (unregistered != null) {
            return unregistered;
        }
        stopped = true;
        cancelTimer.run();
        timerDue = -1;
        unregistered = new CompletableFuture<>();
        if ((everAccepted || pending != null) && hop != null && line.register()) {
            try {
                Request r = build(0, null);
                pending = new Pending(wire.send(r, hop, line.profile()), r, 0, false, true);
            } catch (ParseException | SipException | RuntimeException e) {
                done("cannot unregister: " + e.getMessage());
            }
        } else {
            done(lastResponse);
        }
        publish();
        return unregistered;
    }

    private void done(String text) {
        pending = null;
        state = LineState.UNREGISTERED;
        lastResponse = text;
        expiresAt = -1;
        if (unregistered != null) {
            unregistered.complete(null);
        }
        publish();
        LOG.info("Line {} unregistered ({})", line.name(), text);
    }

    // ---- bundle update: hand the binding over instead of unregistering ------------------------------------

    /**
     * Stops refreshing without unregistering, for the next version of the bundle to carry on with the same binding
     * (same Call-ID, next CSeq). A REGISTER in flight is left to the provider: the next version sends another at once.
     */
    Handover handOver() {
        stopped = true;
        cancelTimer.run();
        long refreshAt = pending == null && state == LineState.REGISTERED ? timerDue : -1;
        timerDue = -1;
        Handover h = new Handover(line.registrationKey(), state, lastResponse, expiresAt, refreshAt, askedExpires);
        publish();
        LOG.info("Line {} handed over ({}, {}), not unregistered", line.name(), state, lastResponse);
        return h;
    }

    /**
     * Starts from what the previous version handed over: a binding still valid, for the same account at the same
     * place, is refreshed when its refresh was due, with nothing sent now; anything else registers at once.
     */
    void resume(Handover h) {
        long now = clock.getAsLong();
        if (h == null || !h.carriesOn(line.registrationKey(), now) || !line.register()) {
            start();
            return;
        }
        if (!resolve()) {
            return;
        }
        state = LineState.REGISTERED;
        lastResponse = h.lastResponse();
        expiresAt = h.expiresAt();
        askedExpires = h.askedExpires();
        everAccepted = true;
        schedule(() -> sendRegister(askedExpires, null), Math.max(0, h.refreshAt() - now));
        LOG.info("Line {} carries on the binding handed over (expires in {} s, refresh in {} s)", line.name(),
                (expiresAt - now) / 1000, Math.max(0, h.refreshAt() - now) / 1000);
    }

    /**
     * A registration as one version of the bundle hands it to the next (times on the wall clock).
     *
     * @param key       {@link LineSettings#registrationKey()}: the binding is only carried on for the same one
     * @param refreshAt when the refresh was due, -1 when none was (not registered, or a REGISTER in flight)
     */
    record Handover(String key, LineState state, String lastResponse, long expiresAt, long refreshAt, int askedExpires) {
        boolean carriesOn(String currentKey, long now) {
            return key.equals(currentKey) && state == LineState.REGISTERED && refreshAt > 0 && expiresAt > now;
        }
    }

    // ---- timers and status ------------------------------------------------------------------------------

    private void schedule(Runnable task, long delayMillis) {
        cancelTimer.run();
        if (stopped) {
            publish();
            return;
        }
        timerDue = clock.getAsLong() + delayMillis;
        cancelTimer = timers.schedule(() -> {
            timerDue = -1;
            if (!stopped) {
                task.run();
            }
        }, delayMillis);
        publish();
    }

    private void publish() {
        long now = clock.getAsLong();
        LineStatus before = status;
        status = new LineStatus(line, state, lastResponse,
                state == LineState.REGISTERED && expiresAt > now ? (expiresAt - now) / 1000 : -1,
                timerDue > now ? (timerDue - now + 999) / 1000 : -1, failures, sequence.callId(), sequence.last(),
                hop == null ? line.target().host() + ":" + line.target().port() : hop.host() + ":" + hop.port());
        LineStatus after = status;
        if (before != null && (before.state() != after.state() || !before.lastResponse().equals(after.lastResponse())
                || !before.address().equals(after.address()))) {
            changes.accept(before, after);
        }
    }
}
