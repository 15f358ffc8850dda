package org.plugboard.calls.internal;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sip.ClientTransaction;
import javax.sip.message.Response;

import org.plugboard.api.calls.CallTag;
import org.plugboard.api.cdr.CdrSink;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.Router;
import org.plugboard.api.sip.ServerRequest;
import org.plugboard.handover.internal.MemoryHandoverStore;

/**
 * One PBX for a scenario: the B2BUA built through its package-private constructor on a recording SIP service,
 * in-memory registrations, the real hand-over store, inline strands and a manual clock. Extensions 1001 to 1009
 * exist (a router like the extension router); anything else is 404. The B2BUA is built at its first message, so a
 * test can change {@link #config} first.
 */
final class CallsFixture implements Phone.Pbx, AutoCloseable {
    static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final Set<String> EXTENSIONS = Set.of("1001", "1002", "1003", "1004", "1005", "1006", "1007", "1008", "1009");

    final ManualClock clock = new ManualClock(T0);
    final RecordingSip sip = new RecordingSip();
    final MemoryLocation location = new MemoryLocation(clock);
    final TestAuthenticator authenticator = new TestAuthenticator(sip.headerFactory());
    final MemoryHandoverStore handover = new MemoryHandoverStore(new MemoryHandoverStore.Config() {
        @Override
        public int keep_seconds() {
            return 300;
        }

        @Override
        public Class<? extends Annotation> annotationType() {
            return MemoryHandoverStore.Config.class;
        }
    });
    final TestCallsConfig config = new TestCallsConfig();
    final CollectedCalls collected = new CollectedCalls();
    final Router router = r -> EXTENSIONS.contains(r.dialled()) ? new Route.ToExtension(r.dialled())
            : new Route.Reject(404, "Not Found", CallTag.ROUTING_FAILURE);
    private final List<InlineStrands> strands = new ArrayList<>();
    private B2bua b2bua;
    private boolean stopped;
    /** False: no durable CDR sink is bound (the CDR bundle is being updated), so records wait in the B2BUA. */
    boolean bindSink = true;

    /** The running B2BUA, built on first use with its whiteboards bound as SCR would bind them. */
    B2bua b2bua() {
        if (b2bua == null) {
            InlineStrands s = new InlineStrands(clock);
            strands.add(s);
            b2bua = new B2bua(sip, location, authenticator, handover, router, config, s, clock,
                    () -> java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(clock.millis()));
            b2bua.addListener(collected, Map.of());
            if (bindSink) {
                b2bua.addSink(collected, Map.of(CdrSink.DURABLE, Boolean.TRUE));
            }
            stopped = false;
        }
        return b2bua;
    }

    /** The first half of an update: this B2BUA stops and hands over; messages still reach it until {@link #startNext}. */
    void stopOnly() {
        b2bua().deactivate();
        stopped = true;
    }

    /** The second half: the next version takes over what was handed over. */
    B2bua startNext() {
        b2bua = null;
        return b2bua();
    }

    /** A bundle:update of the calls bundle: this B2BUA hands its calls over and the next one takes them. */
    B2bua update() {
        b2bua().deactivate();
        b2bua = null;
        return b2bua();
    }

    /** A phone at 127.0.1.{@code n}:5060, not registered (a caller, or a line's peer). */
    Phone phone(String user, int n) {
        return new Phone(user, "127.0.1." + n, 5060, sip, this);
    }

    /** A phone registered as {@code extension} from its own address. */
    Phone registered(String extension, int n) {
        Phone p = phone(extension, n);
        location.register(extension, p);
        return p;
    }

    /**
     * The usual answered call: {@code caller} dials {@code callee}'s number with an offer, the callee rings and
     * answers with its SDP, the caller ACKs. Returns the caller's INVITE exchange.
     */
    TestServerRequest connect(Phone caller, Phone callee) {
        TestServerRequest invite = caller.invite(callee.user, caller.sdp());
        RecordingSip.Sent toCallee = sip.last("INVITE", callee);
        callee.reply(toCallee, 180);
        callee.reply(toCallee, 200, callee.sdp());
        caller.ack(null);
        return invite;
    }

    /** The id of the one live call; fails unless there is exactly one. */
    String callId() {
        if (b2bua().calls().size() != 1) {
            throw new AssertionError("expected one live call, got " + b2bua().calls());
        }
        return b2bua().calls().get(0).id();
    }

    void advance(Duration d) {
        clock.advance(d);
    }

    @Override
    public void handle(ServerRequest request) {
        b2bua().handle(request);
    }

    @Override
    public void handleResponse(Response response, ClientTransaction tx) {
        b2bua().handleResponse(response, tx);
    }

    /** A transaction timeout from the stack (Timer B, F): the peer never answered. */
    void timeout(ClientTransaction tx) {
        b2bua().handleTimeout(tx);
    }

    /** Stops the B2BUA; fails when any call event threw on a strand. */
    @Override
    public void close() {
        if (b2bua != null && !stopped) {
            b2bua.deactivate();
            stopped = true;
        }
        List<Throwable> failures = strands.stream().flatMap(s -> s.failures().stream()).toList();
        if (!failures.isEmpty()) {
            AssertionError e = new AssertionError("call events failed on a strand: " + failures);
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }
}
