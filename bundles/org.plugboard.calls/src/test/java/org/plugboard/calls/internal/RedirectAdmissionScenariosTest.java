package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.routing.CallAdmission;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.sip.NextHop;

/**
 * A redirect (a forwarding service's, a phone's 3xx) to an outside number over a line or trunk asks the admission
 * services again, as a dialled call would: over the trunk's limit the caller gets the same refusal (issue 13).
 */
class RedirectAdmissionScenariosTest extends ScenarioTest {
    private final Phone provider = new Phone("5550001", "127.0.2.5", 5060, wire, pbx);
    private final List<String> heard = new ArrayList<>();

    /** Numbers starting with 9 go out over a trunk; the trunk takes no outbound call (max.outbound=0). */
    @BeforeEach
    void aFullTrunk() {
        pbx.b2bua().addRouter(r -> r.dialled().startsWith("9") ? new Route.ToSip("sip:" + r.dialled().substring(1) + "@carrier.example",
                new NextHop(provider.host, provider.port, "UDP"), "trunk:out", "+15550100") : null, Map.of("service.ranking", 10));
        pbx.b2bua().addAdmission(new CallAdmission() {
            @Override
            public Refusal admit(String callId, RouteRequest request, Route route) {
                heard.add("admit " + request.dialled());
                return route instanceof Route.ToSip ? new Refusal(503, "Trunk Busy", 34, "Trunk out takes no outbound calls", CallTag.SYSTEM)
                        : null;
            }

            @Override
            public void released(String callId) {
                heard.add("released");
            }
        }, Map.of());
    }

    private void assertRefusedByTheTrunk(TestServerRequest invite) {
        assertEquals(503, invite.finalStatus());
        assertEquals("Trunk Busy", invite.last().getReasonPhrase());
        assertEquals("Q.850;cause=34;text=\"Trunk out takes no outbound calls\"", Phone.value(invite.last(), "Reason"));
        assertEquals(List.of(), wire.sent("INVITE", provider), "nothing goes out over the full trunk");
        assertEquals(List.of("admit 1002", "admit 95550001", "released"), heard, "asked for each route, told of the end once");
        assertEquals(34, pbx.collected.cdr().q850Cause());
        assertEquals("95550001", pbx.collected.cdr().finalCallee());
    }

    @Test
    void busyForwardingToAnOutsideNumberAsksTheTrunkAgain() {
        pbx.b2bua().addService((CallService) r -> r.servedUser().equals("1002") ? Outcome.redirect("95550001", "user-busy") : null,
                Map.of(CallService.NAME, "forwarding", CallService.POINTS, new String[] {"BUSY"}));
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        bob.reply(wire.one("INVITE", bob), 486); // admitted for 1002 already: the forwarded call must be asked again
        assertTrue(invite.statuses().contains(181), "the caller was told of the hop first: " + invite.statuses());
        assertRefusedByTheTrunk(invite);
    }

    @Test
    void aPhonesDeflectionToAnOutsideNumberAsksTheTrunkAgain() {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        bob.reply(wire.one("INVITE", bob), 302, null, "Contact: <sip:95550001@127.0.0.1>");
        assertRefusedByTheTrunk(invite);
    }
}
