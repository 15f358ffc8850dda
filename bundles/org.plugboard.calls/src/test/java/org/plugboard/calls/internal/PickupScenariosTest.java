package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.media.Side;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.Router;

/**
 * Call pickup (Route.Pickup): 1001 calls 1002, whose phone rings; 1003 dials the group pickup code (its pickup group
 * is 1002 and 1004) or 1002's directed pickup code and takes the call over: 1002's devices get CANCEL with "Call
 * completed elsewhere", 1001 gets 200 with 1003's SDP, 1003 gets 200 with the SDP 1002 was offered, and the call's
 * record says PICKED_UP with 1003 as its final callee. The pickup attempt itself is no call: no event, no record.
 */
class PickupScenariosTest extends ScenarioTest {
    private final Phone carol = pbx.phone("1003", 13);
    private final Phone dave = pbx.registered("1004", 14);

    @BeforeEach
    void pickupCodes() {
        Router codes = r -> "*8".equals(r.dialled()) ? new Route.Pickup(Set.of("1002", "1004"))
                : r.dialled().startsWith("**") ? new Route.Pickup(Set.of(r.dialled().substring(2))) : null;
        pbx.b2bua().addRouter(codes, Map.of("service.ranking", 10));
    }

    /** 1001 calls {@code callee}'s number, its one device rings (180) and goes on ringing. */
    private RecordingSip.Sent ringing(Phone caller, Phone callee) {
        caller.invite(callee.user, caller.sdp());
        RecordingSip.Sent invite = wire.last("INVITE", callee);
        callee.reply(invite, 180);
        return invite;
    }

    @Test
    void groupPickupConnectsTheCallerToThePickerAndCancelsTheRingingDevice() throws Exception {
        String aliceSdp = alice.sdp();
        TestServerRequest call = alice.invite("1002", aliceSdp);
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 180);
        String callId = pbx.callId();
        pbx.advance(Duration.ofSeconds(7));
        String carolSdp = carol.sdp();
        TestServerRequest pickup = carol.invite("*8", carolSdp);

        RecordingSip.Sent cancel = wire.one("CANCEL", bob);
        assertEquals("SIP;cause=200;text=\"Call completed elsewhere\"", cancel.header("Reason"));
        bob.reply(cancel, 200);
        bob.reply(toBob, 487);
        assertEquals(200, call.finalStatus());
        assertEquals(carolSdp, Phone.body(call.last()), "the caller's offer answered with the picker's SDP (no relay here: unchanged)");
        assertEquals(List.of(100, 200), pickup.statuses());
        assertEquals(aliceSdp, Phone.body(pickup.last()), "the picker's offer answered with what the ringing device was offered");
        alice.ack(null);
        carol.ack(null);
        assertEquals(callId, pbx.callId(), "the picked-up call goes on under its id; the attempt is no call");
        CallInfo now = pbx.b2bua().calls().get(0);
        assertEquals("1003", now.party(Side.CALLEE).peer());
        assertEquals("caller", now.party(Side.CALLEE).role(), "1003's phone sent the INVITE");
        assertEquals(List.of("created", "ringing", "answered"), pbx.collected.events, "no event for the pickup attempt");

        // in the call: offers go between 1001 and 1003; 1003 hangs up
        alice.send("INVITE", alice.sdp("sendonly"));
        RecordingSip.Sent hold = wire.last("INVITE", carol);
        assertEquals(carol.dialogCallId(), hold.callId(), "the re-INVITE goes into 1003's own dialog");
        carol.reply(hold, 200, carol.sdp("recvonly"));
        alice.ack(null);
        pbx.advance(Duration.ofSeconds(20));
        carol.send("BYE", null);
        assertEquals(1, wire.sent("BYE", alice).size());
        CallDetailRecord cdr = pbx.collected.cdr();
        assertEquals(List.of(callId, "1001", "1002", "1003", CallTag.PICKED_UP), List.of(cdr.id(), cdr.caller(), cdr.callee(),
                cdr.finalCallee(), cdr.tag()));
        assertTrue(cdr.answeredBy().startsWith("1003@"), cdr.answeredBy());
        assertEquals(20, cdr.billableSeconds());
        assertEquals(CallsFixture.T0.plusSeconds(7), cdr.answer());
    }

    @Test
    void directedPickupTakesTheCallRingingAtThatExtension() {
        RecordingSip.Sent toDave = ringing(alice, dave);
        TestServerRequest pickup = carol.invite("**1004", carol.sdp());
        assertEquals(1, wire.sent("CANCEL", dave).size());
        dave.reply(toDave, 487);
        assertEquals(200, pickup.finalStatus());
        carol.ack(null);
        alice.ack(null);
        alice.send("BYE", null);
        assertEquals(1, wire.sent("BYE", carol).size());
        assertEquals(List.of("1003", CallTag.PICKED_UP), List.of(pbx.collected.cdr().finalCallee(), pbx.collected.cdr().tag()));
    }

    @Test
    void nothingRingingIs480NamingIt() {
        TestServerRequest pickup = carol.invite("*8", carol.sdp());
        assertEquals(480, pickup.finalStatus());
        assertEquals("No call to pick up", pickup.last().getReasonPhrase());
        assertEquals("Q.850;cause=18;text=\"No call ringing at 1002, 1004 to pick up\"", Phone.value(pickup.last(), "Reason"));
        CallDetailRecord cdr = pbx.collected.cdr();
        assertEquals(List.of("1003", "*8", CallTag.CALLEE_UNREACHABLE), List.of(cdr.caller(), cdr.callee(), cdr.tag()));
        assertEquals(List.of("created", "released"), pbx.collected.events);
    }

    @Test
    void anAnsweredCallIsNotPickedUp() {
        pbx.connect(alice, bob);
        TestServerRequest pickup = carol.invite("**1002", carol.sdp());
        assertEquals(480, pickup.finalStatus());
        alice.send("BYE", null);
        assertEquals(CallTag.CALLER_BYE, pbx.collected.released.get(1).tag());
    }

    @Test
    void theOldestRingingCallIsPickedUpFirst() {
        Phone eve = pbx.phone("1005", 15);
        RecordingSip.Sent first = ringing(alice, bob);
        pbx.advance(Duration.ofSeconds(1));
        eve.invite("1004", eve.sdp());
        dave.reply(wire.one("INVITE", dave), 180);
        carol.invite("*8", carol.sdp());
        assertEquals(1, wire.sent("CANCEL", bob).size(), "1001's call rang first");
        assertEquals(List.of(), wire.sent("CANCEL", dave));
        bob.reply(first, 487);
        TestServerRequest second = carol.invite("*8", carol.sdp()); // the same phone, another line key
        assertEquals(200, second.finalStatus(), "then 1005's call");
        assertEquals(1, wire.sent("CANCEL", dave).size());
        dave.reply(wire.one("INVITE", dave), 487);
        alice.ack(null);
        eve.ack(null);
        alice.send("BYE", null);
        eve.send("BYE", null);
        assertEquals(List.of(CallTag.PICKED_UP, CallTag.PICKED_UP), pbx.collected.released.stream().map(CallDetailRecord::tag).toList());
    }

    @Test
    void aLateAnswerOfThePickedUpDeviceGetsBye() {
        RecordingSip.Sent toBob = ringing(alice, bob);
        carol.invite("*8", carol.sdp());
        bob.reply(toBob, 200, bob.sdp()); // its 200 crossed our CANCEL
        RecordingSip.Sent bye = wire.one("BYE", bob);
        assertTrue(bye.header("Reason").contains("Call completed elsewhere"), bye.header("Reason"));
        alice.ack(null);
        carol.ack(null);
        assertEquals(1, pbx.b2bua().calls().size());
        alice.send("BYE", null);
        assertEquals(1, wire.sent("BYE", carol).size());
    }

    @Test
    void thePickersOwnCallIsNotPickedUp() {
        carol.invite("1002", carol.sdp());
        bob.reply(wire.one("INVITE", bob), 180);
        Phone carolsOtherLine = pbx.phone("1003", 13);
        TestServerRequest pickup = carolsOtherLine.invite("**1002", carolsOtherLine.sdp());
        assertEquals(480, pickup.finalStatus());
        carol.cancel();
        bob.reply(wire.one("INVITE", bob), 487);
    }

    @Test
    void aPickupWithoutAnOfferIs488() {
        ringing(alice, bob);
        TestServerRequest pickup = carol.invite("*8", null);
        assertEquals(488, pickup.finalStatus());
        assertEquals(List.of(), wire.sent("CANCEL", bob), "the ringing call is left alone");
        alice.cancel();
        bob.reply(wire.one("INVITE", bob), 487);
    }

    @Test
    void withAMediaEngineEachPhoneGetsTheRelaysSideTowardIt() {
        MemoryMediaGateway engine = new MemoryMediaGateway("mem");
        pbx.config.mediaEngine = "mem";
        pbx.b2bua().addMediaGateway(engine, Map.of(MediaGateway.ENGINE, "mem"));
        TestServerRequest call = alice.invite("1002", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 180);
        TestServerRequest pickup = carol.invite("*8", carol.sdp());
        bob.reply(toBob, 487);
        assertTrue(Phone.body(call.last()).contains("c=IN IP4 " + MemoryMediaGateway.TOWARD_CALLER), Phone.body(call.last()));
        assertTrue(Phone.body(pickup.last()).contains("c=IN IP4 " + MemoryMediaGateway.TOWARD_CALLEE), Phone.body(pickup.last()));
        assertEquals(List.of("offer CALLER 127.0.1.11->127.0.1.12", "answer CALLEE 127.0.1.13->127.0.1.11"), engine.session().calls,
                "the picker's SDP answers the caller's offer, from the callee's side");
        assertEquals(1, engine.sessions.size(), "the attempt opened no session of its own");
        alice.ack(null);
        carol.ack(null);
        carol.send("BYE", null);
    }

    @Test
    void aPickedUpCallIsHandedOverWithThePickersLeg() {
        RecordingSip.Sent toBob = ringing(alice, bob);
        carol.invite("*8", carol.sdp());
        bob.reply(toBob, 487);
        alice.ack(null);
        carol.ack(null);
        pbx.update();
        alice.send("INVITE", alice.sdp("sendonly"));
        RecordingSip.Sent hold = wire.last("INVITE", carol);
        carol.reply(hold, 200, carol.sdp("recvonly"));
        alice.ack(null);
        carol.send("BYE", null);
        assertEquals(1, wire.sent("BYE", alice).size());
        assertEquals(CallTag.PICKED_UP, pbx.collected.cdr().tag());
    }

    /** A remote engine answers later: between the pickup and the two 200s, either phone may give up. */
    private SlowEngine slowEngine() {
        SlowEngine engine = new SlowEngine();
        pbx.config.mediaEngine = "slow";
        pbx.b2bua().addMediaGateway(engine, Map.of(MediaGateway.ENGINE, "slow"));
        return engine;
    }

    @Test
    void thePickersCancelWhileTheRelayAnswersIsTooLateItGetsThe200AndHangsUp() {
        SlowEngine engine = slowEngine();
        TestServerRequest call = alice.invite("1002", alice.sdp());
        engine.answerNext();
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 180);
        TestServerRequest pickup = carol.invite("*8", carol.sdp());
        assertEquals(1, wire.sent("CANCEL", bob).size(), "taken at once; the relay has yet to answer");
        bob.reply(toBob, 487);
        assertEquals(List.of(200), carol.cancel().statuses());
        engine.answerNext();
        assertEquals(200, pickup.finalStatus(), "CANCEL and 200 crossed");
        assertEquals(200, call.finalStatus());
        carol.ack(null);
        alice.ack(null);
        carol.send("BYE", null);
        assertEquals(CallTag.PICKED_UP, pbx.collected.cdr().tag());
    }

    @Test
    void theCallersCancelWhileTheRelayAnswersEndsThePickupWith487() {
        SlowEngine engine = slowEngine();
        TestServerRequest call = alice.invite("1002", alice.sdp());
        engine.answerNext();
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 180);
        TestServerRequest pickup = carol.invite("*8", carol.sdp());
        bob.reply(toBob, 487);
        alice.cancel();
        assertEquals(487, call.finalStatus());
        assertEquals(487, pickup.finalStatus(), "the picker hears the call is gone");
        engine.answerNext();
        assertEquals(org.plugboard.api.calls.Disposition.CANCELLED, pbx.collected.cdr().disposition());
    }
}
