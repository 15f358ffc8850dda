package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.OriginateListener;
import org.plugboard.api.calls.OriginateRequest;
import org.plugboard.api.routing.CallAdmission;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.service.ServiceRequest;

/**
 * An originated call is asked what a dialled call from the first party to the second is asked (regression: call-back,
 * click-to-call and pbx:call-originate skipped the originating services and the trunk limits): ORIGINATING once
 * before anything rings, each party's ROUTED services before it rings, the admission services for each party with
 * the call as it will stand, and the admission services told of the end.
 */
class OriginateChecksScenariosTest extends ScenarioTest {
    private final Phone carol = pbx.registered("1003", 13);
    private final List<String> heard = new ArrayList<>();
    private final OriginateListener listener = new OriginateListener() {
        @Override
        public void failed(int party, int status, String reason) {
            heard.add("failed " + party + " " + status + " " + reason);
        }
    };

    private void originate(String first, String second) {
        pbx.b2bua().originate(new OriginateRequest(first, second, "", Duration.ofSeconds(30), "test:unit", ""), listener);
    }

    private void service(DetectionPoint point, CallService service) {
        pbx.b2bua().addService(service, Map.of(CallService.NAME, "svc-" + point, CallService.POINTS, point.name()));
    }

    @Test
    void anOriginatingRefusalEndsTheCallBeforeAnythingRings() {
        List<ServiceRequest> asked = new ArrayList<>();
        service(DetectionPoint.ORIGINATING, r -> {
            asked.add(r);
            return Outcome.reject(603, "Decline", 21, "system list: 1003 blocked", CallTag.SCREENED);
        });
        originate("1002", "1003");
        assertEquals(1, asked.size());
        assertEquals("1002", asked.get(0).servedUser(), "the first party is the caller, as if it had dialled");
        assertEquals(List.of(), wire.sent("INVITE", bob));
        assertEquals(List.of(), wire.sent("INVITE", carol));
        assertEquals(1, heard.size());
        assertTrue(heard.get(0).startsWith("failed 1 603 "), heard.toString());
        assertEquals(CallTag.SCREENED, pbx.collected.cdr().tag());
    }

    @Test
    void aPartyBusyByItsOwnServicesIsNotRungAndTheFirstPartyIsHungUp() {
        service(DetectionPoint.ROUTED, r -> r.servedUser().equals("1003")
                ? Outcome.busy(CallTag.DO_NOT_DISTURB, "1003 has do-not-disturb on") : Outcome.proceed());
        originate("1002", "1003");
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 200, bob.sdp());
        assertEquals(List.of(), wire.sent("INVITE", carol), "the second party's DND keeps it from ringing");
        assertEquals(1, wire.sent("BYE", bob).size());
        assertTrue(heard.get(0).startsWith("failed 2 486 "), heard.toString());
        assertEquals(CallTag.DO_NOT_DISTURB, pbx.collected.cdr().tag());
    }

    @Test
    void aTrunkAtItsLimitRefusesTheSecondPartyAndHearsOfTheEnd() {
        pbx.b2bua().addRouter(r -> r.dialled().startsWith("9") ? new Route.ToSip("sip:" + r.dialled().substring(1)
                + "@carrier.example", new org.plugboard.api.sip.NextHop("127.0.0.9", 5060, "UDP"), "trunk:out", null)
                : null, Map.of("service.ranking", 10));
        List<String> admission = new ArrayList<>();
        pbx.b2bua().addAdmission(new CallAdmission() {
            @Override
            public Refusal admit(String callId, RouteRequest request, Route route) {
                admission.add("admit " + request.dialled() + " " + Forks.flatten(route).size());
                return Forks.flatten(route).stream().anyMatch(x -> x instanceof Route.ToSip)
                        ? new Refusal(503, "Trunk Busy", 34, "Trunk out takes no outbound calls", CallTag.SYSTEM) : null;
            }

            @Override
            public void released(String callId) {
                admission.add("released");
            }
        }, Map.of());
        originate("1002", "95550001");
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 200, bob.sdp());
        assertEquals(List.of("admit 1002 1", "admit 95550001 2", "released"), admission,
                "the second party asked about with the first's route, the end told once");
        assertEquals(1, wire.sent("BYE", bob).size());
        assertTrue(heard.get(0).startsWith("failed 2 503 "), heard.toString());
        assertEquals(34, pbx.collected.cdr().q850Cause());
    }
}
