package org.plugboard.recording.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.LegInfo;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.Side;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Diversion;
import org.plugboard.api.service.ServiceRequest;

/** The call service over the real components on H2, a B2BUA that answers from memory, and the fake engine. */
class RecordingServiceTest {
    @TempDir
    Path dir;

    private final FakeCalls engine = new FakeCalls();
    private PolicyRegistry policies;
    private RecordingService service;

    /** 1001 called 1002; the answered leg went out on {@code targetProfile}. */
    private static CallInfo call(String id) {
        Instant t = Instant.parse("2026-12-06T12:00:00Z");
        return new CallInfo(id, "1001", "600", CallState.CONNECTED, t, t.plusSeconds(2), List.of(
                new LegInfo("caller", "a@x", "1001", "127.0.0.1:5070", CallState.CONNECTED, Side.CALLER, true),
                new LegInfo("callee", "b@x", "1003", "127.0.0.1:5071", CallState.CONNECTED, Side.CALLEE, true)));
    }

    private final CallControl b2bua = new CallControl() {
        @Override
        public List<CallInfo> calls() {
            return List.of();
        }

        @Override
        public Optional<CallInfo> call(String id) {
            return Optional.of(RecordingServiceTest.call(id));
        }

        @Override
        public boolean hangup(String id, CallTag tag) {
            return false;
        }

        @Override
        public Optional<MediaSession> media(String id) {
            return engine.media(id);
        }

        @Override
        public boolean note(String id, String text) {
            return engine.note(id, text);
        }
    };

    private static ServiceRequest request(String callId, DetectionPoint point, String source, String target) {
        return new ServiceRequest() {
            public String callId() { return callId; }
            public DetectionPoint point() { return point; }
            public String servedUser() { return "600"; }
            public String caller() { return "1001"; }
            public boolean callerAnonymous() { return false; }
            public String dialled() { return "600"; }
            public String callee() { return "600"; }
            public String sourceProfile() { return source; }
            public List<Diversion> diversions() { return List.of(); }
            public int failureStatus() { return 0; }
            public Instant time() { return Instant.now(); }
            public Optional<String> header(String name) { return Optional.empty(); }
            public Optional<String> targetProfile() { return Optional.ofNullable(target); }
        };
    }

    @BeforeEach
    void setUp() throws Exception {
        DataSource db = TestSupport.h2();
        var config = TestSupport.config(Map.of("directory", dir.toString()));
        policies = new PolicyRegistry(db, config);
        Recordings recordings = new Recordings(db, policies, config);
        recordings.setCallControl(b2bua);
        recordings.started().get(5, TimeUnit.SECONDS);
        service = new RecordingService(policies, recordings);
    }

    private static void await(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 5 s: " + what);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void theLineOfAnInboundCallAndTheTrunkOfAnOutboundOneAreItsProfile() {
        assertEquals("c1", RecordingService.parties(request("x", DetectionPoint.ANSWERED, "c1", "sbc"), "1002").profile());
        assertEquals("sbc", RecordingService.parties(request("x", DetectionPoint.ANSWERED, "default", "sbc"), "1002").profile());
        assertNull(RecordingService.parties(request("x", DetectionPoint.ANSWERED, "default", null), "1002").profile());
    }

    @Test
    void theAnsweringGroupMemberCountsAndAnAlwaysCallIsRecordedAtTheAnswer() throws Exception {
        policies.set(new Policy(Scope.EXTENSION, "1003", Mode.ALWAYS)).get(5, TimeUnit.SECONDS);
        FakeCalls.Session s = engine.call("c1");
        service.handle(request("c1", DetectionPoint.ANSWERED, "default", null));
        await(() -> s.recorder != null, "the recording started");
        assertTrue(Files.exists(s.recorder.options.file()));
        await(() -> !engine.notes("c1").isEmpty(), "the note");
        assertEquals("recorded: " + s.recorder.options.file(), engine.notes("c1").get(0));
    }

    @Test
    void aTrunkPolicyDecidesAnOutboundCallWithoutExtensionPolicies() throws Exception {
        policies.set(new Policy(Scope.TRUNK, "sbc", Mode.ALWAYS)).get(5, TimeUnit.SECONDS);
        FakeCalls.Session s = engine.call("c2");
        FakeCalls.Session t = engine.call("c3");
        service.handle(request("c2", DetectionPoint.ANSWERED, "default", "sbc"));
        service.handle(request("c3", DetectionPoint.ANSWERED, "default", null));
        // its note comes after c3's turn on the single executor: c3 was decided by then
        await(() -> !engine.notes("c2").isEmpty(), "the call out on the trunk recorded");
        assertTrue(s.recorder != null);
        service.handle(request("c3", DetectionPoint.RELEASED, "default", null));
        assertNull(t.recorder, "on-demand (site default): not recorded without the code");
    }

    @Test
    void theCodeFromEitherPartyTogglesAnOnDemandCall() throws Exception {
        FakeCalls.Session s = engine.call("c4");
        service.handle(request("c4", DetectionPoint.ANSWERED, "default", null));
        service.dtmf(call("c4"), false, '*', 100);
        service.dtmf(call("c4"), false, '1', 100);
        await(() -> s.recorder != null, "started by 1003's code");
        service.dtmf(call("c4"), true, '*', 100);
        service.dtmf(call("c4"), true, '1', 100);
        await(() -> s.recorder.stopped, "stopped by 1001's code");
        await(() -> engine.notes("c4").contains("recording stopped on demand by 1001"), "the stop noted");
    }

    @Test
    void aNeverExtensionsCodeIsRefusedWithANote() throws Exception {
        policies.set(new Policy(Scope.EXTENSION, "1001", Mode.NEVER)).get(5, TimeUnit.SECONDS);
        FakeCalls.Session s = engine.call("c5");
        service.handle(request("c5", DetectionPoint.ANSWERED, "default", null));
        service.dtmf(call("c5"), true, '*', 100);
        service.dtmf(call("c5"), true, '1', 100);
        assertEquals(List.of("recording request refused: recording is never allowed for 1001 (extension 1001)"), engine.notes("c5"));
        assertNull(s.recorder);
    }
}
