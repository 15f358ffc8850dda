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
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Outcome;

/** Calls whose media go through an engine (media.engine set): a small in-memory gateway stands in for it. */
class MediaScenariosTest extends ScenarioTest {
    private final MemoryMediaGateway engine = new MemoryMediaGateway("mem");

    @BeforeEach
    void bindEngine() {
        pbx.config.mediaEngine = "mem";
        pbx.b2bua().addMediaGateway(engine, Map.of(MediaGateway.ENGINE, "mem"));
    }

    @Test
    void offerAndAnswerGoThroughTheEngineAndTheSessionIsReleasedAtTheEnd() throws Exception {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        assertTrue(toBob.body().contains("c=IN IP4 " + MemoryMediaGateway.TOWARD_CALLEE), toBob.body());
        bob.reply(toBob, 200, bob.sdp());
        assertTrue(Phone.body(invite.last()).contains("c=IN IP4 " + MemoryMediaGateway.TOWARD_CALLER));
        alice.ack(null);
        MemoryMediaGateway.Session session = engine.session();
        assertEquals(List.of("offer CALLER 127.0.1.11->127.0.1.12", "answer CALLEE 127.0.1.12->127.0.1.11"), session.calls);
        alice.send("BYE", null);
        assertTrue(session.released.await(5, TimeUnit.SECONDS), "the session is released (off the strand)");
    }

    /** A phone registered as {@code extension} at host:port (several devices of one extension, on one host or not). */
    private Phone device(String extension, String host, int port) {
        Phone p = new Phone(extension, host, port, wire, pbx);
        pbx.location.register(extension, p);
        return p;
    }

    private static String connection(RecordingSip.Sent sent) {
        return sent.body().lines().filter(l -> l.startsWith("c=")).findFirst().orElse("no c= line");
    }

    @Test
    void eachForkGetsTheOfferWithTheEnginesAddressThatReachesItsHostOneRoundTripPerHost() {
        engine.interfaces.put("127.0.1.13", "127.0.0.1");
        engine.interfaces.put("127.0.2.14", "127.0.0.2");
        Phone desk = device("1003", "127.0.1.13", 5060);
        Phone softphone = device("1003", "127.0.1.13", 5062);
        Phone mobile = device("1003", "127.0.2.14", 5060);
        alice.invite("1003", alice.sdp());
        assertEquals("c=IN IP4 127.0.0.2", connection(wire.one("INVITE", mobile)), "the address that reaches 127.0.2.14");
        assertEquals("c=IN IP4 127.0.0.1", connection(wire.one("INVITE", desk)), "the address that reaches 127.0.1.13");
        assertEquals("c=IN IP4 127.0.0.1", connection(wire.one("INVITE", softphone)));
        assertEquals(List.of("offer CALLER 127.0.1.11->127.0.2.14", "offer CALLER 127.0.1.11->127.0.1.13"), engine.session().calls,
                "one engine round trip per host, in the order of the forks");
        desk.reply(wire.one("INVITE", desk), 486);
        softphone.reply(wire.one("INVITE", softphone), 486);
        mobile.reply(wire.one("INVITE", mobile), 486);
    }

    @Test
    void aForwardedCallOffersTheTargetTheEnginesAddressThatReachesIt() {
        engine.interfaces.put("127.0.1.12", "127.0.0.1");
        engine.interfaces.put("127.0.2.13", "127.0.0.2");
        Phone carol = device("1003", "127.0.2.13", 5060);
        pbx.b2bua().addService(r -> r.servedUser().equals("1002") ? Outcome.redirect("1003", "no-answer") : null,
                Map.of(CallService.NAME, "cfnr", CallService.POINTS, new String[] {DetectionPoint.NO_ANSWER.name()}));
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        assertEquals("c=IN IP4 127.0.0.1", connection(toBob));
        bob.reply(toBob, 180);
        pbx.advance(Duration.ofSeconds(pbx.config.ringTimeout));
        bob.reply(toBob, 487);
        RecordingSip.Sent toCarol = wire.one("INVITE", carol);
        assertEquals("c=IN IP4 127.0.0.2", connection(toCarol), "not the address that reaches 1002's phone (one-way audio)");
        carol.reply(toCarol, 200, carol.sdp());
        assertEquals(200, invite.finalStatus());
        alice.ack(null);
        assertEquals(List.of("offer CALLER 127.0.1.11->127.0.1.12", "offer CALLER 127.0.1.11->127.0.2.13",
                "answer CALLEE 127.0.2.13->127.0.1.11"), engine.session().calls);
        alice.send("BYE", null);
    }

    @Test
    void engineNotInstalledIs503WithCause47AfterTheWait() {
        pbx.config.mediaEngine = "rtpengine";
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        assertEquals(List.of(100), invite.statuses(), "it may be an engine being updated: the call waits media.wait.ms");
        pbx.advance(java.time.Duration.ofMillis(pbx.config.mediaWaitMs));
        assertEquals(503, invite.finalStatus());
        assertTrue(Phone.value(invite.last(), "Reason").startsWith("Q.850;cause=47;"), Phone.value(invite.last(), "Reason"));
        assertEquals(List.of(), wire.all());
        assertEquals(CallTag.MEDIA_FAILURE, pbx.collected.cdr().tag());
    }

    @Test
    void engineOutOfPortsIs503() {
        engine.failOpen = MediaException.Kind.NO_PORTS;
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        assertEquals(503, invite.finalStatus());
        assertEquals(47, pbx.collected.cdr().q850Cause());
    }

    @Test
    void noRtpReleasesTheCallAsMediaTimeout() {
        pbx.connect(alice, bob);
        engine.session().inactive(30_000);
        assertEquals("Q.850;cause=102;text=\"No RTP for 30 s\"", wire.one("BYE", alice).header("Reason"));
        assertEquals(1, wire.sent("BYE", bob).size());
        assertEquals(CallTag.MEDIA_TIMEOUT, pbx.collected.cdr().tag());
    }

    @Test
    void nextVersionAdoptsTheSessionByIdWhenTheEngineIsBound() {
        pbx.connect(alice, bob);
        MemoryMediaGateway.Session session = engine.session();
        pbx.update();
        pbx.b2bua().addMediaGateway(engine, Map.of(MediaGateway.ENGINE, "mem"));
        TestServerRequest hold = alice.send("INVITE", alice.sdp("sendonly"));
        assertTrue(wire.last("INVITE", bob).body().contains(MemoryMediaGateway.TOWARD_CALLEE), "the re-INVITE still goes through the engine");
        bob.reply(wire.last("INVITE", bob), 200, bob.sdp("recvonly"));
        assertEquals(200, hold.last().getStatusCode());
        alice.ack(null);
        assertEquals(1, engine.sessions.size(), "the same session, not a new one");
        session.inactive(30_000); // its events now reach the new version
        assertEquals(CallTag.MEDIA_TIMEOUT, pbx.collected.cdr().tag());
    }
}
