package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.routing.CallAdmission;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.sip.NextHop;

/**
 * A blind transfer asks the admission services about its target's route, as a dialled call and a redirect do: a
 * transfer out over a full trunk is refused in the final NOTIFY ({@code 503 Trunk Busy}) and the call goes on between
 * transferee and transferor, whose route is told to the admission services again; the services hear of the call as
 * it will stand (the transferee's own line or trunk included), and {@code released} still comes once (issue 13).
 */
class TransferAdmissionScenariosTest extends ScenarioTest {
    private final Phone provider = new Phone("5550001", "127.0.2.5", 5060, wire, pbx);
    private final Phone carol = pbx.registered("1003", 13);
    /** What the admission service heard: {@code admit <dialled> <sourceProfile> <where the route goes>}, {@code released}. */
    private final List<String> heard = new ArrayList<>();
    /** The trunk takes no further outbound call (max.outbound reached). */
    private boolean full = true;

    /** Numbers starting with 9 go out over the trunk {@code out}; transfers are allowed. */
    @BeforeEach
    void aTrunkAndTransfers() {
        pbx.b2bua().addRouter(r -> r.dialled().startsWith("9") ? new Route.ToSip("sip:" + r.dialled().substring(1) + "@carrier.example",
                new NextHop(provider.host, provider.port, "UDP"), "trunk:out", "+15550100") : null, Map.of("service.ranking", 10));
        pbx.b2bua().addAdmission(new CallAdmission() {
            @Override
            public Refusal admit(String callId, RouteRequest request, Route route) {
                heard.add("admit " + request.dialled() + " " + request.sourceProfile() + " " + where(route));
                return full && where(route).contains("trunk:out")
                        ? new Refusal(503, "Trunk Busy", 34, "Trunk out: all 1 outbound calls in use", CallTag.SYSTEM) : null;
            }

            @Override
            public void released(String callId) {
                heard.add("released");
            }
        }, Map.of());
        pbx.b2bua().addService(request -> Outcome.proceed(),
                Map.of(CallService.NAME, "transfer", CallService.POINTS, DetectionPoint.TRANSFER.name()));
    }

    /** Where a route goes: extensions by number, lines and trunks by profile. */
    private static String where(Route route) {
        return Forks.flatten(route).stream().map(r -> r instanceof Route.ToSip s ? s.profile()
                : r instanceof Route.ToExtension e ? e.number() : r.getClass().getSimpleName()).collect(Collectors.joining(",", "[", "]"));
    }

    private List<String> notifies(Phone phone) {
        return wire.sent("NOTIFY", phone).stream().map(RecordingSip.Sent::body).toList();
    }

    @Test
    void transferOutOverAFullTrunkIsRefusedInTheNotifyAndTheCallGoesOn() {
        pbx.connect(alice, bob);
        assertEquals(List.of(202), bob.send("REFER", null, TransferScenariosTest.referTo("95550001")).statuses());
        assertEquals(List.of(TransferScenariosTest.frag("100 Trying"), TransferScenariosTest.frag("503 Trunk Busy")), notifies(bob));
        assertEquals("terminated;reason=noresource", wire.last("NOTIFY", bob).header("Subscription-State"));
        assertEquals(List.of(), wire.sent("INVITE", provider), "nothing goes out over the full trunk");
        assertEquals(List.of("admit 1002 default [1002]", "admit 95550001 default [trunk:out]", "admit 1002 default [1002]"), heard,
                "asked for the target's route, then told of the call as it stands again");

        alice.send("INVITE", alice.sdp("sendonly"));
        assertEquals(2, wire.sent("INVITE", bob).size(), "the call is still between transferee and transferor");
        bob.reply(wire.last("INVITE", bob), 200, bob.sdp("recvonly"));
        alice.ack(null);
        alice.send("BYE", null);
        assertEquals(CallTag.CALLER_BYE, pbx.collected.cdr().tag());
        assertEquals("released", heard.get(heard.size() - 1));
        assertEquals(1, heard.stream().filter("released"::equals).count(), "released comes once");
    }

    @Test
    void outsideCallerTransferredOutKeepsItsInboundTrunkAndTakesAnOutboundOne() {
        full = false;
        Phone outside = pbx.phone("5550002", 50).profile("trunk:out");
        pbx.connect(outside, bob);
        bob.send("REFER", null, TransferScenariosTest.referTo("95550001"));
        assertEquals(List.of("admit 1002 trunk:out [1002]", "admit 95550001 trunk:out [trunk:out]"), heard,
                "the call as it will stand: in from the trunk, out over it");
        RecordingSip.Sent toProvider = wire.one("INVITE", provider);
        provider.reply(toProvider, 200, provider.sdp());
        assertEquals(TransferScenariosTest.frag("200 OK"), wire.last("NOTIFY", bob).body());
        outside.send("BYE", null);
        assertEquals(List.of("admit 1002 trunk:out [1002]", "admit 95550001 trunk:out [trunk:out]", "released"), heard);
    }

    @Test
    void targetFailingAfterItWasAdmittedLeavesTheCallAdmittedAsItStands() {
        full = false;
        Phone outside = pbx.phone("5550002", 50).profile("trunk:out");
        pbx.connect(outside, bob);
        bob.send("REFER", null, TransferScenariosTest.referTo("95550001"));
        provider.reply(wire.one("INVITE", provider), 486);
        assertEquals(TransferScenariosTest.frag("486 Busy here"), wire.last("NOTIFY", bob).body());
        assertEquals(List.of("admit 1002 trunk:out [1002]", "admit 95550001 trunk:out [trunk:out]", "admit 1002 trunk:out [1002]"), heard,
                "the outbound slot the target took is given back, the inbound one kept");
        bob.send("BYE", null);
        assertEquals("released", heard.get(3));
    }

    @Test
    void partyCalledOverTheTrunkKeepsItInTheAdmissionWhenTransferredInside() {
        full = false;
        alice.invite("95550001", alice.sdp());
        RecordingSip.Sent toProvider = wire.one("INVITE", provider);
        provider.reply(toProvider, 200, provider.sdp());
        alice.ack(null);
        alice.send("REFER", null, TransferScenariosTest.referTo("1003"));
        assertEquals("admit 1003 null [trunk:out,1003]", heard.get(1), "the PBX called the transferee over the trunk: it stays in use");
        carol.reply(wire.one("INVITE", carol), 200, carol.sdp());
        carol.send("BYE", null);
        assertEquals(List.of("admit 95550001 default [trunk:out]", "admit 1003 null [trunk:out,1003]", "released"), heard);
    }
}
