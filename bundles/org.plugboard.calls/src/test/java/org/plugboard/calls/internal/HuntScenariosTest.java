package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.routing.Route;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Outcome;

/**
 * A hunt (sequential or round-robin ring group): members ring one at a time for the member time; busy, no answer
 * or no device moves on; after the last, the group number's services get their turn (a no-answer destination).
 */
class HuntScenariosTest extends ScenarioTest {
    private final Phone carol = pbx.registered("1003", 13);
    private final Phone dave = pbx.registered("1004", 14);
    private final List<String> asked = new ArrayList<>();

    private void group(String... members) {
        pbx.b2bua().addRouter(r -> r.dialled().equals("2000") ? new Route.Hunt(List.of(members), 8) : null,
                Map.of("service.ranking", 10));
    }

    @Test
    void busyMovesOnToTheNextMemberWhoAnswers() {
        group("1002", "1003");
        TestServerRequest invite = alice.invite("2000", alice.sdp());
        assertEquals(List.of(), wire.sent("INVITE", carol), "one member at a time");
        bob.reply(wire.one("INVITE", bob), 486);
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        carol.reply(toCarol, 200, carol.sdp());
        assertEquals(200, invite.finalStatus());
        alice.ack(null);
        alice.send("BYE", null);
        assertEquals("2000", pbx.collected.cdr().callee());
        assertTrue(pbx.collected.cdr().answeredBy().startsWith("1003@"), pbx.collected.cdr().answeredBy());
    }

    @Test
    void noAnswerWithinTheMemberTimeMovesOnAndCancelsTheMember() {
        group("1002", "1003");
        alice.invite("2000", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 180);
        pbx.advance(Duration.ofSeconds(7));
        assertEquals(List.of(), wire.sent("INVITE", carol));
        pbx.advance(Duration.ofSeconds(1));
        assertEquals(1, wire.sent("CANCEL", bob).size());
        bob.reply(toBob, 487);
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        carol.reply(toCarol, 180);
        pbx.advance(Duration.ofSeconds(8));
        assertEquals(1, wire.sent("CANCEL", carol).size(), "the last member rings for the member time too");
        carol.reply(toCarol, 487);
    }

    @Test
    void aMemberWithoutDeviceIsSkipped() {
        group("1005", "1003");
        alice.invite("2000", alice.sdp());
        carol.reply(wire.one("INVITE", carol), 486);
    }

    @Test
    void afterTheLastMemberTheGroupsNoAnswerDestinationRings() {
        group("1002", "1003");
        pbx.b2bua().addService((CallService) r -> {
            asked.add(r.point() + ":" + r.servedUser());
            return r.servedUser().equals("2000") ? Outcome.redirect("1004", "no-answer") : null;
        }, Map.of(CallService.NAME, "groups", CallService.POINTS, new String[] {"BUSY", "NO_ANSWER", "UNREACHABLE"}));
        TestServerRequest invite = alice.invite("2000", alice.sdp());
        bob.reply(wire.one("INVITE", bob), 486);
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        carol.reply(toCarol, 180);
        pbx.advance(Duration.ofSeconds(8));
        carol.reply(toCarol, 487);
        assertEquals(List.of("NO_ANSWER:2000"), asked, "members' failures are the hunt's, not the group's, until the last");
        RecordingSip.Sent toDave = wire.one("INVITE", dave);
        assertTrue(invite.statuses().contains(181));
        dave.reply(toDave, 200, dave.sdp());
        alice.ack(null);
        alice.send("BYE", null);
        assertEquals("1004", pbx.collected.cdr().finalCallee());
    }

    @Test
    void aGroupWithoutAnyRegisteredMemberIsUnreachable() {
        group("1005");
        TestServerRequest invite = alice.invite("2000", alice.sdp());
        assertEquals(480, invite.finalStatus());
    }

    /** A DND service as pbx-dnd answers at ROUTED, for the members given, noting whom it was asked about. */
    private void dnd(String... inDnd) {
        pbx.b2bua().addService((CallService) r -> {
            asked.add(r.point() + ":" + r.servedUser());
            return List.of(inDnd).contains(r.servedUser()) ? Outcome.busy(CallTag.DO_NOT_DISTURB, r.servedUser() + " has do-not-disturb on")
                    : Outcome.proceed();
        }, Map.of(CallService.NAME, "dnd", CallService.POINTS, new String[] {"ROUTED"}));
    }

    private void simultaneous(String... members) {
        pbx.b2bua().addRouter(r -> r.dialled().equals("3000")
                ? new Route.Parallel(java.util.Arrays.stream(members).<Route>map(Route.ToExtension::new).toList()) : null,
                Map.of("service.ranking", 10));
    }

    @Test
    void aMemberInDoNotDisturbIsSkippedAtOnce() {
        group("1002", "1003");
        dnd("1002");
        TestServerRequest invite = alice.invite("2000", alice.sdp());
        assertEquals(List.of(), wire.sent("INVITE", bob), "1002 has DND on: never rung");
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        assertEquals(List.of("ROUTED:2000", "ROUTED:1002", "ROUTED:1003"), asked, "each member's own checks, as the hunt reaches it");
        carol.reply(toCarol, 200, carol.sdp());
        assertEquals(200, invite.finalStatus());
        alice.ack(null);
        alice.send("BYE", null);
    }

    @Test
    void everyMemberInDoNotDisturbIsBusyTreatmentForTheGroup() {
        group("1002", "1003");
        dnd("1002", "1003");
        TestServerRequest invite = alice.invite("2000", alice.sdp());
        assertEquals(List.of(), wire.all(), "nobody rings");
        assertEquals(486, invite.finalStatus());
        assertEquals(CallTag.DO_NOT_DISTURB, pbx.collected.cdr().tag());
        assertEquals("2000", pbx.collected.cdr().callee());
    }

    @Test
    void everyMemberSkippedSendsTheCallToTheGroupsBusyDestination() {
        group("1002", "1003");
        dnd("1002", "1003");
        pbx.b2bua().addService((CallService) r -> {
            asked.add(r.point() + ":" + r.servedUser());
            return r.servedUser().equals("2000") ? Outcome.redirect("1004", "user-busy") : null;
        }, Map.of(CallService.NAME, "groups", CallService.POINTS, new String[] {"BUSY", "NO_ANSWER", "UNREACHABLE"}));
        TestServerRequest invite = alice.invite("2000", alice.sdp());
        assertTrue(asked.contains("BUSY:2000"), asked.toString());
        RecordingSip.Sent toDave = wire.one("INVITE", dave);
        assertTrue(Phone.values(toDave.request(), "Diversion").contains("reason=user-busy"));
        assertTrue(invite.statuses().contains(181));
        dave.reply(toDave, 486);
    }

    @Test
    void aMembersOwnForwardingIsNotFollowedByTheHunt() {
        group("1002", "1003");
        pbx.b2bua().addService((CallService) r -> r.servedUser().equals("1002") ? Outcome.redirect("1004", "unconditional") : null,
                Map.of(CallService.NAME, "forwarding", CallService.POINTS, new String[] {"ROUTED"}));
        TestServerRequest invite = alice.invite("2000", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        assertEquals(List.of(), wire.sent("INVITE", dave));
        assertEquals(List.of(100), invite.statuses(), "no 181: the hunt rings the member itself");
        bob.reply(toBob, 486);
        carol.reply(wire.one("INVITE", carol), 486);
    }

    @Test
    void aSimultaneousGroupRingsOnlyTheMembersNotInDoNotDisturb() {
        simultaneous("1002", "1003");
        dnd("1002");
        TestServerRequest invite = alice.invite("3000", alice.sdp());
        assertEquals(List.of(), wire.sent("INVITE", bob));
        carol.reply(wire.one("INVITE", carol), 486);
        assertEquals(486, invite.finalStatus());
    }

    @Test
    void aSimultaneousGroupWhoseMembersAreAllInDoNotDisturbIsBusy() {
        simultaneous("1002", "1003", "1005"); // 1005 has no device: nobody would ring anyway
        dnd("1002", "1003");
        TestServerRequest invite = alice.invite("3000", alice.sdp());
        assertEquals(List.of(), wire.all());
        assertEquals(486, invite.finalStatus());
        assertEquals(CallTag.DO_NOT_DISTURB, pbx.collected.cdr().tag());
    }

    @Test
    void aHuntIsHandedOverToTheNextVersionMidWay() {
        group("1002", "1003");
        TestServerRequest invite = alice.invite("2000", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 180);
        pbx.update();
        group("1002", "1003"); // the new version's routers are bound again
        bob.reply(toBob, 486);
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        carol.reply(toCarol, 200, carol.sdp());
        assertEquals(200, invite.finalStatus());
        alice.ack(null);
        alice.send("BYE", null);
    }
}
