package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.cdr.CallDetailRecord;

/** An answered call beyond CallsIT: session refreshes, Q.850 causes end to end, in-dialog corner cases. */
class InCallScenariosTest extends ScenarioTest {

    // ---- session timers ---------------------------------------------------------------------------------

    @Test
    void callerRefreshingByUpdateKeepsTheSessionAnotherInterval() {
        alice.invite("1002", alice.sdp(), "Supported: timer", "Session-Expires: 120");
        bob.reply(wire.one("INVITE", bob), 200, bob.sdp());
        alice.ack(null);
        pbx.advance(Duration.ofSeconds(60));
        TestServerRequest refresh = alice.send("UPDATE", null, "Supported: timer", "Session-Expires: 120;refresher=uac");
        assertEquals(List.of(200), refresh.statuses());
        assertEquals("120;refresher=uac", Phone.value(refresh.last(), "Session-Expires"));
        assertEquals(List.of(), wire.sent("UPDATE", bob), "the refresh is answered here, not relayed");
        pbx.advance(Duration.ofMillis(119_999));
        assertEquals(List.of(), wire.sent("BYE"), "the refresh restarted the interval");
        pbx.advance(Duration.ofMillis(1));
        assertEquals(CallTag.SESSION_EXPIRED, pbx.collected.cdr().tag());
        assertEquals(180, pbx.collected.cdr().billableSeconds());
    }

    @Test
    void callerRefreshingByReInviteWithoutSdpGetsOurLastSdp() {
        alice.invite("1002", alice.sdp(), "Supported: timer", "Session-Expires: 120");
        String answer = bob.sdp();
        bob.reply(wire.one("INVITE", bob), 200, answer);
        alice.ack(null);
        pbx.advance(Duration.ofSeconds(100));
        TestServerRequest refresh = alice.send("INVITE", null, "Session-Expires: 120;refresher=uac");
        assertEquals(List.of(200), refresh.statuses());
        assertEquals(answer, Phone.body(refresh.last()), "a re-INVITE without SDP gets our last SDP as the offer");
        assertEquals(1, wire.sent("INVITE", bob).size(), "not relayed");
        alice.ack(alice.sdp());
        pbx.advance(Duration.ofSeconds(100));
        assertEquals(List.of(), wire.sent("BYE"));
        alice.send("BYE", null);
    }

    @Test
    void ourSessionRefreshUnansweredReleasesTheCallAsADeadLeg() {
        alice.invite("1002", alice.sdp());
        bob.reply(wire.one("INVITE", bob), 200, bob.sdp(), "Session-Expires: 90;refresher=uac");
        alice.ack(null);
        pbx.advance(Duration.ofSeconds(45));
        RecordingSip.Sent refresh = wire.one("UPDATE", bob);
        pbx.timeout(refresh.tx());
        assertEquals("Q.850;cause=102;text=\"Session refresh unanswered\"", wire.one("BYE", alice).header("Reason"));
        assertEquals(List.of(), wire.sent("BYE", bob));
        assertEquals(CallTag.DEAD_LEG, pbx.collected.cdr().tag());
        pbx.advance(Duration.ofSeconds(60));
        assertEquals(1, wire.sent("UPDATE", bob).size(), "no refresh of a released call");
    }

    @Test
    void calleeThatRefreshesItselfGetsNoUpdateFromUs() {
        alice.invite("1002", alice.sdp());
        bob.reply(wire.one("INVITE", bob), 200, bob.sdp(), "Session-Expires: 90;refresher=uas", "Require: timer");
        alice.ack(null);
        pbx.advance(Duration.ofSeconds(100));
        assertEquals(List.of(), wire.sent("UPDATE"));
        alice.send("BYE", null);
    }

    @Test
    void callerThatNeverAcksIsReleasedAt64T1() {
        alice.invite("1002", alice.sdp());
        bob.reply(wire.one("INVITE", bob), 200, bob.sdp());
        pbx.advance(Duration.ofMillis(31_999));
        assertEquals(List.of(), wire.sent("BYE"));
        pbx.advance(Duration.ofMillis(1));
        try {
            assertEquals(1, wire.sent("BYE", alice).size(), "released 64*T1 after the 200");
        } finally {
            pbx.advance(Duration.ofSeconds(10));
        }
    }

    // ---- Q.850 causes -----------------------------------------------------------------------------------

    @Test
    void calleeRejectionWithAQ850ReasonReachesTheCallerAndTheCdr() {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        bob.reply(wire.one("INVITE", bob), 480, null, "Reason: Q.850;cause=31;text=\"Normal, unspecified\"");
        assertEquals(480, invite.finalStatus());
        assertEquals("Q.850;cause=31;text=\"Normal, unspecified\"", Phone.value(invite.last(), "Reason"));
        CallDetailRecord cdr = pbx.collected.cdr();
        assertEquals(31, cdr.q850Cause());
        assertEquals("Normal, unspecified", cdr.reason());
    }

    @Test
    void calleeByeWithAQ850ReasonIsRelayedToTheCaller() {
        pbx.connect(alice, bob);
        bob.send("BYE", null, "Reason: Q.850;cause=41;text=\"Temporary failure\"");
        assertEquals("Q.850;cause=41;text=\"Temporary failure\"", wire.one("BYE", alice).header("Reason"));
        assertEquals(41, pbx.collected.cdr().q850Cause());
        assertEquals(CallTag.CALLEE_BYE, pbx.collected.cdr().tag());
    }

    @Test
    void unmappedRejectionGetsTheRfc3398Cause() {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        bob.reply(wire.one("INVITE", bob), 404);
        assertEquals(404, invite.finalStatus());
        assertTrue(Phone.value(invite.last(), "Reason").startsWith("Q.850;cause=1;"));
        assertEquals(1, pbx.collected.cdr().q850Cause());
    }

    // ---- in-dialog corner cases -------------------------------------------------------------------------

    @Test
    void calleeReInviteIsRelayedToTheCaller() {
        pbx.connect(alice, bob);
        String hold = bob.sdp("sendonly");
        TestServerRequest reinvite = bob.send("INVITE", hold);
        RecordingSip.Sent toAlice = wire.one("INVITE", alice);
        assertEquals(hold, toAlice.body());
        String answer = alice.sdp("recvonly");
        alice.reply(toAlice, 200, answer);
        assertEquals(1, wire.sent("ACK", alice).size());
        assertEquals(answer, Phone.body(reinvite.last()));
        bob.ack(null);
        alice.send("BYE", null);
    }

    @Test
    void reInviteRejectedByTheOtherSideIsRelayedBackAndTheCallGoesOn() {
        pbx.connect(alice, bob);
        TestServerRequest reinvite = alice.send("INVITE", alice.sdp());
        bob.reply(wire.last("INVITE", bob), 488);
        assertEquals(List.of(488), reinvite.statuses());
        assertEquals(1, pbx.b2bua().calls().size());
        TestServerRequest again = alice.send("UPDATE", alice.sdp());
        bob.reply(wire.one("UPDATE", bob), 200, bob.sdp());
        assertEquals(List.of(200), again.statuses(), "no request is left pending after the 488");
        alice.send("BYE", null);
    }

    @Test
    void calleeByeBeforeTheCallersAckWaitsForThatAck() {
        alice.invite("1002", alice.sdp());
        bob.reply(wire.one("INVITE", bob), 200, bob.sdp());
        bob.send("BYE", null);
        assertEquals(List.of(), wire.sent("BYE", alice), "no BYE before the caller's ACK (RFC 3261 15)");
        alice.ack(null);
        assertEquals(1, wire.sent("BYE", alice).size());
        assertEquals(CallTag.CALLEE_BYE, pbx.collected.cdr().tag());
    }

    @Test
    void calleeByeWhileTheCallersAckNeverComesStillEndsTheCallersDialog() {
        alice.invite("1002", alice.sdp());
        bob.reply(wire.one("INVITE", bob), 200, bob.sdp());
        bob.send("BYE", null);
        pbx.advance(Duration.ofSeconds(40));
        assertEquals(1, wire.sent("BYE", alice).size());
    }

    @Test
    void infoIsAnsweredAndOutOfOrderCseqIs500() {
        pbx.connect(alice, bob);
        TestServerRequest info = alice.send("INFO", null);
        assertEquals(List.of(200), info.statuses());
        alice.rewindCseq(Phone.cseq(info.request()) - 1);
        TestServerRequest stale = alice.send("INFO", null);
        assertEquals(List.of(500), stale.statuses());
        assertEquals("CSeq out of order", stale.last().getReasonPhrase());
        TestServerRequest bye = alice.send("BYE", null);
        assertEquals(List.of(200), bye.statuses());
        assertNull(Phone.value(bye.last(), "Reason"));
    }

    @Test
    void byeForACallForgottenAfter64T1Is481() {
        pbx.connect(alice, bob);
        alice.send("BYE", null);
        assertEquals(List.of(200), alice.send("BYE", null).statuses(), "a repeated BYE within 64*T1 still finds the dialog");
        pbx.advance(Duration.ofSeconds(32));
        assertEquals(List.of(481), alice.send("BYE", null).statuses());
        assertEquals(1, wire.sent("BYE", bob).size());
    }
}
