package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.service.ServiceRequest;

/** The call-service layer: order by plan, configuration or ranking; a broken or slow service never stops a call. */
class ServiceRunnerTest {
    private final AtomicLong nanos = new AtomicLong();
    private final TestCallsConfig config = new TestCallsConfig();
    private final ServiceRunner runner = new ServiceRunner(() -> config, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), nanos::get);
    private final List<String> asked = new ArrayList<>();
    private final Call call = call();

    private static Call call() {
        Call c = new Call("c1", 0);
        c.caller = "1001";
        c.callee = "1002";
        c.dialled = "1002";
        c.callerLeg = new CallerLeg(c, "x@y");
        c.callerLeg.profile = "default";
        return c;
    }

    private CallService service(String name, Outcome outcome, long takesNanos) {
        return request -> {
            asked.add(name + "@" + request.point() + ":" + request.servedUser());
            nanos.addAndGet(takesNanos);
            return outcome;
        };
    }

    private void register(String name, CallService s, int ranking, long id, DetectionPoint... points) {
        runner.add(new ServiceRunner.Registered(s, name, EnumSet.copyOf(List.of(points)), ranking, id));
    }

    @Test
    void servicesRunByRankingUntilOneChangesTheCall() {
        Outcome busy = Outcome.reject(486, "Busy Here", 17, "DND", CallTag.CALLEE_REJECTED);
        register("low", service("low", Outcome.proceed(), 0), 1, 1, DetectionPoint.ROUTED);
        register("high", service("high", null, 0), 10, 2, DetectionPoint.ROUTED);
        register("dnd", service("dnd", busy, 0), 5, 3, DetectionPoint.ROUTED);
        register("other-point", service("other", busy, 0), 99, 4, DetectionPoint.BUSY);
        assertSame(busy, runner.run(call, DetectionPoint.ROUTED, "1002", 0));
        assertEquals(List.of("high@ROUTED:1002", "dnd@ROUTED:1002"), asked, "highest ranking first; the first change stops the walk");
    }

    @Test
    void theConfiguredListSaysWhichServicesRunAndInWhichOrder() {
        register("a", service("a", null, 0), 10, 1, DetectionPoint.ROUTED);
        register("b", service("b", null, 0), 5, 2, DetectionPoint.ROUTED);
        register("c", service("c", null, 0), 1, 3, DetectionPoint.ROUTED);
        config.services = new String[] {"c", "a", "not-installed"};
        runner.run(call, DetectionPoint.ROUTED, "1002", 0);
        assertEquals(List.of("c@ROUTED:1002", "a@ROUTED:1002"), asked);
    }

    @Test
    void aPlanDecidesPerServedUserBeforeTheConfiguration() {
        register("a", service("a", null, 0), 10, 1, DetectionPoint.ROUTED);
        register("b", service("b", null, 0), 5, 2, DetectionPoint.ROUTED);
        config.services = new String[] {"a"};
        runner.plans(List.of((user, point) -> user.equals("1002") ? List.of("b") : null));
        runner.run(call, DetectionPoint.ROUTED, "1002", 0);
        runner.run(call, DetectionPoint.ROUTED, "1003", 0);
        assertEquals(List.of("b@ROUTED:1002", "a@ROUTED:1003"), asked, "1002's plan names b; 1003 has none: the configuration");
    }

    @Test
    void aServiceThatThrowsIsSkippedAndCounted() {
        register("broken", request -> {
            throw new IllegalStateException("plugin bug");
        }, 10, 1, DetectionPoint.ROUTED);
        register("forward", service("forward", Outcome.redirect("1003", "unconditional"), 0), 1, 2, DetectionPoint.ROUTED);
        assertInstanceOf(Outcome.Redirect.class, runner.run(call, DetectionPoint.ROUTED, "1002", 0));
        assertEquals(1, runner.counters().get("broken").failed().get());
    }

    @Test
    void aServiceOverItsBudgetIsCountedAndItsAnswerStands() {
        register("slow", service("slow", Outcome.reject(603, "Decline", 21, "x", CallTag.CALLEE_REJECTED), 51_000_000L), 10, 1,
                DetectionPoint.ROUTED);
        assertInstanceOf(Outcome.Reject.class, runner.run(call, DetectionPoint.ROUTED, "1002", 0),
                "51 ms against a 50 ms budget: a GC pause must not switch a call limit or DND off for this call");
        assertEquals(1, runner.counters().get("slow").overran().get());
    }

    @Test
    void outcomesAtPointsThatCannotChangeTheCallAreIgnored() {
        register("r", service("r", Outcome.redirect("1003", "deflection"), 0), 1, 1, DetectionPoint.ANSWERED, DetectionPoint.RELEASED);
        assertInstanceOf(Outcome.Continue.class, runner.run(call, DetectionPoint.ANSWERED, "1002", 0));
        runner.released(call);
        assertEquals(List.of("r@ANSWERED:1002", "r@RELEASED:1002"), asked);
    }

    @Test
    void aRemovedServiceIsNoLongerAsked() {
        CallService s = service("gone", Outcome.reject(486, "Busy Here", 17, "x", CallTag.CALLEE_REJECTED), 0);
        register("gone", s, 1, 1, DetectionPoint.ROUTED);
        runner.remove(s);
        assertInstanceOf(Outcome.Continue.class, runner.run(call, DetectionPoint.ROUTED, "1002", 0));
        assertEquals(List.of(), asked);
    }

    @Test
    void theRequestShowsTheCallAsItIsNow() {
        ServiceRequest[] seen = new ServiceRequest[1];
        register("look", request -> {
            seen[0] = request;
            return null;
        }, 1, 1, DetectionPoint.BUSY);
        call.diversions.add(new org.plugboard.api.service.Diversion("1002", "1003", "user-busy"));
        call.callee = "1003";
        runner.run(call, DetectionPoint.BUSY, "1003", 486);
        ServiceRequest r = seen[0];
        assertEquals(List.of("c1", "1001", "1002", "1003", "1003", "default"),
                List.of(r.callId(), r.caller(), r.dialled(), r.callee(), r.servedUser(), r.sourceProfile()));
        assertEquals(486, r.failureStatus());
        assertEquals(1, r.diversions().size());
    }
}
