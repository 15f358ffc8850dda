package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import javax.sip.message.Response;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.cdr.CallDetailRecord;

/**
 * Every flow of the itests' CallsIT, replayed against the B2BUA in milliseconds: the caller and callee are test
 * phones, the wire is recorded, time is a manual clock. CallsIT stays the proof against real peers.
 */
class CallScenariosTest {
    private final CallsFixture pbx = new CallsFixture();
    private final RecordingSip wire = pbx.sip;
    private final Phone alice = pbx.phone("1001", 11);
    private final Phone bob = pbx.registered("1002", 12);

    @AfterEach
    void noCallLeftBehind() {
        try {
            assertEquals(List.of(), pbx.b2bua().calls(), "calls left behind");
        } finally {
            pbx.close();
        }
    }

    /** Alice calls Bob, Bob answers with SDP; returns Alice's INVITE exchange once she has ACKed. */
    private TestServerRequest connected() {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        bob.reply(toBob, 180);
        bob.reply(toBob, 200, bob.sdp());
        alice.ack(null);
        return invite;
    }

    @Test
    void basicCallCallerHangsUpWithCdr() throws Exception {
        TestServerRequest invite = alice.invite("1002", alice.sdp());
        assertEquals(100, invite.responses().get(0).getStatusCode(), "100 Trying first");
        RecordingSip.Sent toBob = wire.one("INVITE", bob);
        assertEquals("sip:1002@10.0.0.12:5060", toBob.request().getRequestURI().toString());
        assertEquals(Phone.body(invite.request()), toBob.body(), "the offer relayed unchanged (no media engine)");
        pbx.advance(Duration.ofSeconds(2));
        bob.reply(toBob, 180);
        assertEquals(180, invite.last().getStatusCode());
        pbx.advance(Duration.ofSeconds(3));
        String answer = bob.sdp();
        bob.reply(toBob, 200, answer);
        assertEquals(1, wire.sent("ACK", bob).size(), "the callee's 200 is ACKed at once");
        Response ok = invite.last();
        assertEquals(200, ok.getStatusCode());
        assertEquals(answer, Phone.body(ok));
        alice.ack(null);
        assertEquals("CONNECTED", pbx.b2bua().calls().get(0).state().name());
        pbx.advance(Duration.ofSeconds(10));
        TestServerRequest bye = alice.send("BYE", null);
        assertEquals(List.of(200), bye.statuses());
        RecordingSip.Sent byeToBob = wire.one("BYE", bob);
        assertEquals("Q.850;cause=16;text=\"Caller hung up\"", byeToBob.header("Reason"));
        bob.reply(byeToBob, 200);

        CallDetailRecord cdr = pbx.collected.cdr();
        assertEquals(Disposition.ANSWERED, cdr.disposition());
        assertEquals(CallTag.CALLER_BYE, cdr.tag());
        assertEquals(16, cdr.q850Cause());
        assertEquals("1001", cdr.caller());
        assertEquals("1002", cdr.callee());
        assertEquals("1002@10.0.0.12:5060", cdr.answeredBy());
        assertEquals(Phone.callIdOf(invite.request()), cdr.callId());
        assertEquals(CallsFixture.T0, cdr.start());
        assertEquals(CallsFixture.T0.plusSeconds(2), cdr.ringing());
        assertEquals(CallsFixture.T0.plusSeconds(5), cdr.answer());
        assertEquals(CallsFixture.T0.plusSeconds(15), cdr.end());
        assertEquals(10, cdr.billableSeconds());
        assertEquals(200, cdr.sipStatus());
        assertEquals(List.of("created", "ringing", "answered", "released"), pbx.collected.events);
        assertEquals(cdr, pbx.collected.nextWritten(Duration.ofSeconds(5)), "the same record reaches the CDR sink");
    }
}
