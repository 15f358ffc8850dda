package org.plugboard.forwarding.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.service.Outcome;

/** Feature codes dialled from a phone: confirmed at once, written by the writer thread, refused with 484 or 403. */
class FeatureCodeHandlerTest {
    private static final Set<String> EXTENSIONS = Set.of("1001", "1002", "1003");

    private final ExecutorService writer = TestDatabases.writer();
    private final Forwardings forwardings = TestDatabases.forwardings(TestDatabases.h2(), writer);
    private final FeatureCodeHandler handler = new FeatureCodeHandler(forwardings, new Targets(EXTENSIONS::contains));
    private final FeatureCodes codes = FeatureCodesTest.codes(Map.of());

    @AfterEach
    void stop() throws InterruptedException {
        writer.shutdownNow();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }

    private Outcome dial(String caller, String number) throws Exception {
        Outcome o = handler.handle(Requests.dialled(caller, number), codes);
        TestDatabases.drain(writer);
        return o;
    }

    @Test
    void setCodesConfirmAndTheNextCallSeesTheSetting() throws Exception {
        assertEquals(Outcome.confirm("1002: forwarding unconditional to 1003"), dial("1002", "*721003"));
        assertEquals(Outcome.confirm("1002: forwarding on busy to 1001"), dial("1002", "*901001"));
        assertEquals(Outcome.confirm("1002: forwarding on no answer to 1003 after 15 s"), dial("1002", "*921003*15"));
        assertEquals(Outcome.confirm("1002: forwarding when unreachable to 1001"), dial("1002", "*941001"));
        Settings s = forwardings.get("1002");
        assertEquals(Map.of(Kind.CFU, "1003", Kind.CFB, "1001", Kind.CFNR, "1003", Kind.CFNRC, "1001"), s.targets());
        assertEquals(15, s.noAnswerSeconds());
    }

    @Test
    void clearCodesClearOneKindOrAll() throws Exception {
        dial("1002", "*721003");
        dial("1002", "*901001");
        assertEquals(Outcome.confirm("1002: forwarding unconditional off"), dial("1002", "*73"));
        assertNull(forwardings.get("1002").target(Kind.CFU));
        assertEquals("1001", forwardings.get("1002").target(Kind.CFB));
        assertEquals(Outcome.confirm("1002: all forwarding off"), dial("1002", "*74"));
        assertTrue(forwardings.list().isEmpty());
    }

    @Test
    void aCodeUsedTheWrongWayIs484() throws Exception {
        Outcome.Reject r = assertInstanceOf(Outcome.Reject.class, dial("1002", "*72"));
        assertEquals(484, r.status());
        assertEquals("Address Incomplete", r.phrase());
        assertEquals(28, r.q850Cause());
        assertEquals(CallTag.FEATURE_CODE, r.tag());
        assertTrue(r.text().contains("*72<number>"), r.text());
        assertTrue(forwardings.list().isEmpty(), "nothing written");
    }

    @Test
    void forwardingToOneselfIs484() throws Exception {
        Outcome.Reject r = assertInstanceOf(Outcome.Reject.class, dial("1002", "*721002"));
        assertEquals(484, r.status());
        assertTrue(r.text().contains("cannot forward to itself"), r.text());
    }

    @Test
    void anOutsideTargetWithoutThePermissionIs403SayingHowToGrantIt() throws Exception {
        Outcome.Reject r = assertInstanceOf(Outcome.Reject.class, dial("1002", "*720612345678"));
        assertEquals(403, r.status());
        assertEquals(50, r.q850Cause());
        assertEquals(CallTag.FEATURE_CODE, r.tag());
        assertTrue(r.text().contains("pbx:fwd-permit 1002 external on"), r.text());
        assertTrue(forwardings.list().isEmpty());

        forwardings.update("1002", s -> s.external(true));
        assertEquals(Outcome.confirm("1002: forwarding unconditional to 0612345678"), dial("1002", "*720612345678"));
    }

    @Test
    void numbersThatAreNoCodeAndCallersThatAreNoPhoneGoOn() throws Exception {
        assertEquals(Outcome.proceed(), dial("1002", "1003"));
        assertEquals(Outcome.proceed(), handler.handle(Requests.dialled("1002", "*721003").fromProfile("carrier-x"), codes),
                "a call from a line or trunk configures nothing");
        assertEquals(Outcome.proceed(), dial("0612345678", "*721003"), "a caller that is no extension");
        assertTrue(forwardings.list().isEmpty());
    }
}
