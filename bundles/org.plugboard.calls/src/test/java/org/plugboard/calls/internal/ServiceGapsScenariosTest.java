package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.application.MediaApplication;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.Router;
import org.plugboard.api.service.Outcome;

/**
 * A router or media application away for its bundle's update: a call it would serve waits on its strand for it
 * (ServiceGaps) rather than being refused, and gets the refusal only when it stays away longer than the grace.
 */
class ServiceGapsScenariosTest extends ScenarioTest {
    private final TerminatingGateway engine = new TerminatingGateway("mem");
    private final Router ivrNumber = r -> r.dialled().equals("500") ? new Route.ToApplication("ivr", Map.of()) : null;
    /** Answers, then ends the call at once (its outcome: go on, with nothing left to do). */
    private final MediaApplication ivr = leg -> CompletableFuture.completedFuture(Outcome.proceed());

    @BeforeEach
    void engine() {
        pbx.config.mediaEngine = "mem";
        pbx.b2bua().addMediaGateway(engine, Map.of(MediaGateway.ENGINE, "mem"));
    }

    @Test
    void aCallForARouterAwayForAnUpdateIsRoutedWhenItIsBack() throws Exception {
        pbx.b2bua().addApplication(ivr, Map.of(MediaApplication.NAME, "ivr"));
        pbx.b2bua().addRouter(ivrNumber, Map.of("service.ranking", 10));
        pbx.b2bua().removeRouter(ivrNumber); // bundle:update of its bundle: the old version leaves

        TestServerRequest invite = alice.invite("500", alice.sdp());
        pbx.advance(Duration.ofMillis(300));
        assertEquals(List.of(100), invite.statuses(), "no refusal while the router may come back");

        pbx.b2bua().addRouter(ivrNumber, Map.of("service.ranking", 10)); // the new version
        pbx.advance(Duration.ofMillis(ServiceGaps.RETRY_MILLIS));
        assertEquals(200, invite.finalStatus());
        alice.ack(null);
        wire.one("BYE", alice);
    }

    @Test
    void aRouterThatStaysAwayGetsItsCallsTheRefusalAfterTheGrace() {
        pbx.b2bua().addRouter(ivrNumber, Map.of("service.ranking", 10));
        pbx.b2bua().removeRouter(ivrNumber); // feature:uninstall

        TestServerRequest invite = alice.invite("500", alice.sdp());
        pbx.advance(Duration.ofMillis(ServiceGaps.GRACE_MILLIS - 100));
        assertEquals(List.of(100), invite.statuses());
        pbx.advance(Duration.ofMillis(200));
        assertEquals(404, invite.finalStatus());

        TestServerRequest later = alice.invite("500", alice.sdp()); // the grace is over: refused at once
        assertEquals(404, later.finalStatus());
    }

    @Test
    void aCallForAnApplicationAwayForAnUpdateIsAnsweredWhenItIsBack() throws Exception {
        pbx.b2bua().addRouter(ivrNumber, Map.of("service.ranking", 10));
        pbx.b2bua().addApplication(ivr, Map.of(MediaApplication.NAME, "ivr"));
        pbx.b2bua().removeApplication(ivr);

        TestServerRequest invite = alice.invite("500", alice.sdp());
        pbx.advance(Duration.ofMillis(300));
        assertEquals(List.of(100), invite.statuses());

        pbx.b2bua().addApplication(ivr, Map.of(MediaApplication.NAME, "ivr"));
        pbx.advance(Duration.ofMillis(ServiceGaps.RETRY_MILLIS));
        assertEquals(200, invite.finalStatus());
        alice.ack(null);
        wire.one("BYE", alice);
    }

    @Test
    void aCallerThatCancelsWhileItsCallWaitsIsAnswered487AndTheWaitEnds() {
        pbx.b2bua().addRouter(ivrNumber, Map.of("service.ranking", 10));
        pbx.b2bua().removeRouter(ivrNumber);

        TestServerRequest invite = alice.invite("500", alice.sdp());
        alice.cancel();
        assertEquals(487, invite.finalStatus());
        pbx.advance(Duration.ofMillis(ServiceGaps.GRACE_MILLIS * 2));
        assertEquals(487, invite.finalStatus(), "nothing more for the cancelled call");
    }
}
