package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Outcome;

/**
 * A transfer through a media engine (one session for the whole call, the target on the transferor's side) and a
 * bundle update in the middle of a transfer (the next version finishes it, timers and links included).
 */
class TransferHandoverScenariosTest extends ScenarioTest {
    private final Phone carol = pbx.registered("1003", 13);
    private final MemoryMediaGateway engine = new MemoryMediaGateway("mem");

    @BeforeEach
    void transfersAndEngine() {
        pbx.config.mediaEngine = "mem";
        bind();
    }

    /** What SCR does for the B2BUA (also for the next version after an update). */
    private void bind() {
        pbx.b2bua().addService(request -> Outcome.proceed(),
                Map.of(CallService.NAME, "transfer", CallService.POINTS, DetectionPoint.TRANSFER.name()));
        pbx.b2bua().addMediaGateway(engine, Map.of(MediaGateway.ENGINE, "mem"));
    }

    private void update() {
        pbx.update();
        bind();
    }

    @Test
    void calleeTransferGoesThroughTheCallsMediaSessionFromTheTransfereesSide() throws Exception {
        pbx.connect(alice, bob);
        bob.send("REFER", null, TransferScenariosTest.referTo("1003"));
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        assertTrue(toCarol.body().contains("c=IN IP4 " + MemoryMediaGateway.TOWARD_CALLEE), "the relay's side the transferor used: "
                + toCarol.body());
        carol.reply(toCarol, 200, carol.sdp());
        MemoryMediaGateway.Session session = engine.session();
        assertEquals(List.of("offer CALLER 127.0.1.11->127.0.1.12", "answer CALLEE 127.0.1.12->127.0.1.11",
                "offer CALLER 127.0.1.11->127.0.1.13", "answer CALLEE 127.0.1.13->127.0.1.11"), session.calls);
        assertEquals(1, session.released.getCount(), "the session lives on");
        alice.send("BYE", null);
        assertTrue(session.released.await(5, TimeUnit.SECONDS));
    }

    @Test
    void callerTransferPutsTheTargetOnTheCallersMediaSide() {
        pbx.connect(alice, bob);
        alice.send("REFER", null, TransferScenariosTest.referTo("1003"));
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        assertTrue(toCarol.body().contains("c=IN IP4 " + MemoryMediaGateway.TOWARD_CALLER), toCarol.body());
        carol.reply(toCarol, 200, carol.sdp());
        assertEquals(List.of("offer CALLEE 127.0.1.12->127.0.1.13", "answer CALLER 127.0.1.13->127.0.1.12"),
                engine.session().calls.subList(2, 4));
        carol.send("INVITE", carol.sdp("sendonly"));
        assertEquals("offer CALLER 127.0.1.13->127.0.1.12", engine.session().calls.get(4), "the target's offers come from its side");
        bob.reply(wire.last("INVITE", bob), 200, bob.sdp("recvonly"));
        carol.ack(null);
        bob.send("BYE", null);
    }

    @Test
    void ringingTargetAnswersThroughTheNextVersion() throws Exception {
        pbx.connect(alice, bob);
        pbx.advance(Duration.ofSeconds(5));
        bob.send("REFER", null, TransferScenariosTest.referTo("1003"));
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        carol.reply(toCarol, 180);
        update();
        pbx.advance(Duration.ofSeconds(2));
        carol.reply(toCarol, 200, carol.sdp());
        assertEquals(1, wire.sent("ACK", carol).size());
        assertEquals(TransferScenariosTest.frag("200 OK"), wire.last("NOTIFY", bob).body());
        assertEquals(1, wire.sent("BYE", bob).size());
        alice.send("BYE", null);
        assertEquals(1, wire.sent("BYE", carol).size());
        CallDetailRecord part = pbx.collected.nextWritten(Duration.ofSeconds(5));
        CallDetailRecord rest = pbx.collected.cdr();
        assertEquals(List.of(CallTag.TRANSFERRED, rest.id(), part.id()), List.of(part.tag(), part.linkedCall(), rest.linkedCall()));
        assertEquals(CallsFixture.T0.plusSeconds(5), rest.start());
        assertEquals(CallsFixture.T0.plusSeconds(5), rest.ringing());
    }

    @Test
    void transferRingTimeoutIsRearmedByTheNextVersion() {
        pbx.connect(alice, bob);
        bob.send("REFER", null, TransferScenariosTest.referTo("1003"));
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        carol.reply(toCarol, 180);
        pbx.advance(Duration.ofSeconds(20));
        update();
        pbx.advance(Duration.ofMillis(39_999));
        assertEquals(List.of(), wire.sent("CANCEL"));
        pbx.advance(Duration.ofMillis(1));
        assertEquals(1, wire.sent("CANCEL", carol).size());
        carol.reply(toCarol, 487);
        assertEquals(TransferScenariosTest.frag("480 Temporarily Unavailable"), wire.last("NOTIFY", bob).body());
        bob.send("BYE", null);
    }

    @Test
    void transferorGoneBeforeTheUpdateStaysGone() {
        pbx.connect(alice, bob);
        bob.send("REFER", null, TransferScenariosTest.referTo("1003"));
        pbx.advance(Duration.ofSeconds(3));
        bob.send("BYE", null);
        update();
        carol.reply(wire.one("INVITE", carol), 486);
        assertEquals(1, wire.sent("BYE", alice).size(), "nobody to go back to: the call ends with the target's failure");
        assertEquals(List.of(TransferScenariosTest.frag("100 Trying")), wire.sent("NOTIFY", bob).stream().map(RecordingSip.Sent::body).toList());
        assertEquals(CallTag.CALLEE_REJECTED, pbx.collected.cdr().tag());
    }

    @Test
    void attendedTransferAndItsMarkOnTheConsultationCallSurviveTheUpdate() {
        pbx.connect(alice, bob);
        Phone bobConsults = pbx.phone("1002", 12);
        bobConsults.invite("1003", bobConsults.sdp());
        carol.reply(wire.one("INVITE", carol), 200, carol.sdp());
        bobConsults.ack(null);
        String replaces = bobConsults.dialogCallId().replace("@", "%40") + "%3Bto-tag%3D" + bobConsults.remoteTag() + "%3Bfrom-tag%3D"
                + bobConsults.localTag();
        bob.send("REFER", null, "Refer-To: <sip:1003@" + RecordingSip.PBX_HOST + "?Replaces=" + replaces + ">");
        update();
        Phone carolTransferred = pbx.phone("1003", 13);
        carolTransferred.reply(wire.last("INVITE", carol), 200, carolTransferred.sdp());
        carol.send("BYE", null);
        carolTransferred.send("BYE", null);
        assertEquals(List.of(CallTag.TRANSFERRED, CallTag.CALLEE_BYE), pbx.collected.released.stream().map(CallDetailRecord::tag).toList());
    }
}
