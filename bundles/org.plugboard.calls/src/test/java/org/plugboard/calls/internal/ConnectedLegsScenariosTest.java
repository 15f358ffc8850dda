package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import javax.sip.message.Response;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;

/**
 * A connected call lets go of its set-up messages (issue 18, heap per established call): our 2xx and the caller's
 * INVITE transaction once the caller's ACK came, our INVITE's transaction and request once the callee's 2xx came.
 * What the rest of the call needs still works: a retransmitted 2xx gets its ACK, the call ends either way, and it
 * survives an update of the calls bundle.
 */
class ConnectedLegsScenariosTest extends ScenarioTest {

    @Test
    void aConnectedCallHoldsNoSetUpTransactionOrAnswer() {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 180);
        bob.reply(toBob, 200, bob.sdp());
        Call call = call(invite);
        CallerLeg caller = call.callerLeg;
        CalleeLeg callee = call.calleeLegs.get(0);
        assertNull(callee.inviteTx, "our INVITE's transaction is let go at its 2xx");
        assertNull(callee.inviteRequest);
        assertEquals(toBob.tx().getBranchId(), callee.inviteBranch, "its branch stays, for 2xx retransmissions");
        assertNotNull(caller.answer, "our 2xx is kept while it is retransmitted, until the caller's ACK");

        alice.ack(null);
        assertNull(caller.answer, "our 2xx is let go at the ACK");
        assertTrue(caller.answered);
        assertInstanceOf(AnsweredInvite.class, caller.invite, "the INVITE is kept as a detached copy");
        assertNotSame(invite.request(), caller.invite.request());
        assertEquals(Phone.callIdOf(invite.request()), Phone.callIdOf(caller.invite.request()));
        assertEquals("CONNECTED", pbx.b2bua().calls().get(0).state().name());

        alice.send("BYE", null);
        bob.reply(wire.one("BYE", bob), 200);
        assertEquals(CallTag.CALLER_BYE, pbx.collected.cdr().tag());
    }

    @Test
    void aTwoHundredRetransmittedAfterTheTransactionWasLetGoIsAckedAgain() {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        Response ok = bob.reply(toBob, 200, bob.sdp());
        alice.ack(null);
        assertEquals(1, wire.sent("ACK", bob).size());
        bob.handleAgain(ok, toBob); // our ACK was lost: the callee's transaction layer sends its 200 again
        assertEquals(2, wire.sent("ACK", bob).size(), "every 2xx gets its ACK (RFC 3261 13.2.2.4)");
        assertEquals("CONNECTED", pbx.b2bua().calls().get(0).state().name(), "and the call goes on");

        bob.send("BYE", null);
        alice.reply(wire.one("BYE", alice), 200);
        assertEquals(CallTag.CALLEE_BYE, pbx.collected.cdr().tag());
        assertEquals(Phone.callIdOf(invite.request()), pbx.collected.cdr().callId());
    }

    @Test
    void theSlimmedLegsAreHandedOverAcrossAnUpdate() throws Exception {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        Response ok = bob.reply(toBob, 200, bob.sdp());
        alice.ack(null);
        assertNoClassOfThisBundle(call(invite).save());
        pbx.update();
        Call call = call(invite);
        assertInstanceOf(AnsweredInvite.class, call.callerLeg.invite);
        assertEquals(Phone.callIdOf(invite.request()), Phone.callIdOf(call.callerLeg.invite.request()));
        assertTrue(call.callerLeg.answered, "answered, though the 2xx itself is gone");
        assertEquals(toBob.tx().getBranchId(), call.calleeLegs.get(0).inviteBranch);
        bob.handleAgain(ok, toBob);
        assertEquals(2, wire.sent("ACK", bob).size(), "the new version still knows the 2xx of our INVITE");

        TestServerRequest bye = alice.send("BYE", null);
        assertEquals(List.of(200), bye.statuses());
        bob.reply(wire.one("BYE", bob), 200);
        assertEquals(CallTag.CALLER_BYE, pbx.collected.cdr().tag());
    }

    /** It is kept as bytes and parsed again when read: every header and the body come back as they were. */
    @Test
    void theKeptInviteReadsBackWholeAndTheOlderVersionsFormStillRestores() {
        TestServerRequest invite = pbx.connect(alice, bob);
        AnsweredInvite kept = (AnsweredInvite) call(invite).callerLeg.invite;
        assertEquals(invite.request().toString(), kept.request().toString());
        assertArrayEquals(invite.request().getRawContent(), kept.request().getRawContent());
        assertNotSame(kept.request(), kept.request(), "parsed anew each time: nothing parsed is kept");

        java.util.Map<String, Object> older = new java.util.HashMap<>(kept.save());
        older.remove("encoded"); // the version before kept only the parsed request
        assertEquals(invite.request().toString(), AnsweredInvite.restore(older).request().toString());

        alice.send("BYE", null);
        bob.reply(wire.one("BYE", bob), 200);
        assertEquals(CallTag.CALLER_BYE, pbx.collected.cdr().tag());
    }

    @Test
    void anAcknowledgedInviteRefusesAnyFurtherResponse() {
        TestServerRequest invite = pbx.connect(alice, bob);
        CallerLeg caller = call(invite).callerLeg;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> caller.invite.respond(Response.BUSY_HERE));
        assertTrue(e.getMessage().contains("answered and acknowledged"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> caller.invite.createResponse(Response.OK));
        assertEquals(List.of(100, 180, 200), invite.statuses(), "nothing more reached the caller");

        alice.send("BYE", null);
        bob.reply(wire.one("BYE", bob), 200);
    }

    /** The hand-over rule: no object of a class of this bundle crosses an update (it would pin the old version). */
    private static void assertNoClassOfThisBundle(Object value) {
        if (value instanceof java.util.Map<?, ?> m) {
            m.values().forEach(ConnectedLegsScenariosTest::assertNoClassOfThisBundle);
        } else if (value instanceof java.util.Collection<?> c) {
            c.forEach(ConnectedLegsScenariosTest::assertNoClassOfThisBundle);
        } else if (value != null) {
            assertTrue(!value.getClass().getName().startsWith("org.plugboard.calls."), "hand-over holds a " + value.getClass().getName());
        }
    }

    private Call call(TestServerRequest invite) {
        Leg leg = pbx.b2bua().table().leg(Phone.callIdOf(invite.request()));
        assertNotNull(leg, "no call for the caller's Call-ID");
        return leg.call;
    }
}
