package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.routing.Route;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.service.ServiceRequest;

/**
 * A blind transfer's target is asked at ROUTED as a ring group's member is: a target in do-not-disturb, over its call
 * limit or refusing the caller is not rung and the transferor hears its status in the NOTIFY (the call goes on); its
 * forwarding is not followed; a group's members are filtered the same way. The target's services see the call from
 * the transferee (issue 13).
 */
class TransferTargetServicesScenariosTest extends ScenarioTest {
    private final Phone carol = pbx.registered("1003", 13);
    private final Phone dave = pbx.registered("1004", 14);
    private final List<ServiceRequest> asked = new ArrayList<>();

    @BeforeEach
    void transfersAllowed() {
        pbx.b2bua().addService(request -> Outcome.proceed(),
                Map.of(CallService.NAME, "transfer", CallService.POINTS, DetectionPoint.TRANSFER.name()));
    }

    /** A DND service as pbx-dnd answers at ROUTED, for the extensions given, keeping what it was asked. */
    private void dnd(String... inDnd) {
        routedService("dnd", r -> List.of(inDnd).contains(r.servedUser())
                ? Outcome.busy(CallTag.DO_NOT_DISTURB, r.servedUser() + " has do-not-disturb on") : Outcome.proceed());
    }

    private void routedService(String name, CallService service) {
        pbx.b2bua().addService((CallService) r -> {
            asked.add(r);
            return service.handle(r);
        }, Map.of(CallService.NAME, name, CallService.POINTS, new String[] {"ROUTED"}));
    }

    private List<String> notifies(Phone phone) {
        return wire.sent("NOTIFY", phone).stream().map(RecordingSip.Sent::body).toList();
    }

    /** The call goes on between transferee and transferor after a failed transfer: an offer crosses, BYE ends it. */
    private void callGoesOn(Phone transferee, Phone transferor) {
        int before = wire.sent("INVITE", transferor).size();
        transferee.send("INVITE", transferee.sdp("sendonly"));
        assertEquals(before + 1, wire.sent("INVITE", transferor).size(), "the call is still between transferee and transferor");
        transferor.reply(wire.last("INVITE", transferor), 200, transferor.sdp("recvonly"));
        transferee.ack(null);
        transferee.send("BYE", null);
    }

    @Test
    void targetInDndIsNotRungAndTheTransferorHearsBusy() {
        dnd("1003");
        pbx.connect(alice, bob);
        asked.clear();
        assertEquals(List.of(202), bob.send("REFER", null, TransferScenariosTest.referTo("1003")).statuses());
        assertEquals(List.of(), wire.sent("INVITE", carol), "1003 has DND on: never rung");
        assertEquals(List.of(TransferScenariosTest.frag("100 Trying"), TransferScenariosTest.frag("486 Busy Here")), notifies(bob));
        assertEquals("terminated;reason=noresource", wire.last("NOTIFY", bob).header("Subscription-State"));
        assertEquals(List.of("ROUTED:1003"), asked.stream().map(r -> r.point() + ":" + r.servedUser()).toList());
        callGoesOn(alice, bob);
        assertEquals(CallTag.CALLER_BYE, pbx.collected.cdr().tag());
    }

    @Test
    void targetsServicesSeeTheCallFromTheTransfereeAndTheirRefusalIsTold() {
        routedService("screening", r -> "1003".equals(r.servedUser()) && "1002".equals(r.caller())
                ? Outcome.reject(603, "Declined", 21, "1003 refuses calls from 1002", CallTag.SCREENED) : Outcome.proceed());
        pbx.connect(alice, bob);
        asked.clear();
        alice.send("REFER", null, TransferScenariosTest.referTo("1003")); // the caller transfers the callee, 1002
        assertEquals(List.of(), wire.sent("INVITE", carol));
        assertEquals(TransferScenariosTest.frag("603 Declined"), wire.last("NOTIFY", alice).body());
        ServiceRequest seen = asked.get(0);
        assertEquals(List.of("1003", "1002", "1003", "1003", "default"),
                List.of(seen.servedUser(), seen.caller(), seen.dialled(), seen.callee(), seen.sourceProfile()));
        assertEquals(List.of(), seen.diversions());
        callGoesOn(bob, alice);
        assertEquals(CallTag.CALLEE_BYE, pbx.collected.cdr().tag());
    }

    @Test
    void targetsForwardingIsNotFollowed() {
        routedService("forwarding", r -> "1003".equals(r.servedUser()) ? Outcome.redirect("1004", "unconditional") : Outcome.proceed());
        pbx.connect(alice, bob);
        bob.send("REFER", null, TransferScenariosTest.referTo("1003"));
        assertEquals(List.of(), wire.sent("INVITE", dave), "forwarding is not followed for a transfer's target");
        carol.reply(wire.one("INVITE", carol), 200, carol.sdp());
        assertEquals(TransferScenariosTest.frag("200 OK"), wire.last("NOTIFY", bob).body());
        alice.send("BYE", null);
    }

    @Test
    void groupMembersInDndAreNotRungAndAllOfThemBusyFailsTheTransfer() {
        pbx.b2bua().addRouter(r -> r.dialled().equals("2000") ? new Route.Hunt(List.of("1003", "1004"), 8) : null,
                Map.of("service.ranking", 10));
        dnd("1003");
        pbx.connect(alice, bob);
        asked.clear();
        bob.send("REFER", null, TransferScenariosTest.referTo("2000"));
        assertEquals(List.of("ROUTED:2000", "ROUTED:1003", "ROUTED:1004"), asked.stream().map(r -> r.point() + ":" + r.servedUser()).toList(),
                "the group's number, then each member with a device");
        assertEquals(List.of(), wire.sent("INVITE", carol), "1003 has DND on: never rung");
        dave.reply(wire.one("INVITE", dave), 486);
        assertEquals(TransferScenariosTest.frag("486 Busy here"), wire.last("NOTIFY", bob).body());

        dnd("1004");
        bob.send("REFER", null, TransferScenariosTest.referTo("2000"));
        assertEquals(1, wire.sent("INVITE", dave).size(), "every member busy: nobody rings");
        assertEquals(TransferScenariosTest.frag("486 Busy Here"), wire.last("NOTIFY", bob).body());
        callGoesOn(alice, bob);
    }
}
