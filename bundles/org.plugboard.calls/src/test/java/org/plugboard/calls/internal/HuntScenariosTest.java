package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
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
