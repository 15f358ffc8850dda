package org.plugboard.recording.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** The on-demand code: the digit state machine on a manual clock, and who may use it. */
class OnDemandTest {
    private final AtomicLong clock = new AtomicLong(1_000_000);

    @Test
    void starThenOneWithinTwoSecondsIsTheCode() {
        ToggleCode code = new ToggleCode("*1");
        assertFalse(code.feed('*', clock.get()));
        clock.addAndGet(1999);
        assertTrue(code.feed('1', clock.get()));
        assertFalse(code.feed('1', clock.addAndGet(100)), "the code starts over after a match");
    }

    @Test
    void tooSlowOrInterruptedIsNotTheCode() {
        ToggleCode code = new ToggleCode("*1");
        code.feed('*', clock.get());
        assertFalse(code.feed('1', clock.addAndGet(2001)), "2.001 s after the star");
        code.feed('*', clock.addAndGet(10));
        code.feed('5', clock.addAndGet(10));
        assertFalse(code.feed('1', clock.addAndGet(10)), "another digit in between");
        code.feed('*', clock.addAndGet(10));
        code.feed('*', clock.addAndGet(3000));
        assertTrue(code.feed('1', clock.addAndGet(500)), "a second star starts a new attempt");
        assertFalse(new ToggleCode("").feed('*', clock.get()), "no code configured");
    }

    @Test
    void longerCodesNeedEveryDigitInTheWindow() {
        ToggleCode code = new ToggleCode("*#9");
        code.feed('*', clock.get());
        code.feed('#', clock.addAndGet(1000));
        assertFalse(code.feed('9', clock.addAndGet(1001)));
        code.feed('*', clock.addAndGet(1));
        code.feed('#', clock.addAndGet(1));
        assertTrue(code.feed('9', clock.addAndGet(1)));
    }

    private LiveCalls live(Policies policies) {
        return new LiveCalls(() -> policies, () -> "*1", clock::get);
    }

    private static LiveCalls.Decision press(LiveCalls live, String call, boolean fromCaller, AtomicLong clock) {
        live.dtmf(call, () -> null, fromCaller, '*');
        clock.addAndGet(300);
        return live.dtmf(call, () -> null, fromCaller, '1');
    }

    @Test
    void anOnDemandPartyTogglesAndTheSidesAreSeparate() {
        LiveCalls live = live(Policies.of(List.of(), Mode.ON_DEMAND));
        live.answered("c1", new CallParties("1001", "1002", "1002", null));
        live.dtmf("c1", () -> null, true, '*');
        assertInstanceOf(LiveCalls.Nothing.class, live.dtmf("c1", () -> null, false, '1'), "the star came from the other side");
        assertEquals(new LiveCalls.Toggle("1002"), press(live, "c1", false, clock));
        assertEquals(new LiveCalls.Toggle("1001"), press(live, "c1", true, clock));
    }

    @Test
    void aNeverPartyIsRefusedAndAnAlwaysCallCannotBeStopped() {
        LiveCalls live = live(Policies.of(List.of(new Policy(Scope.EXTENSION, "1001", Mode.NEVER)), Mode.ON_DEMAND));
        live.answered("c1", new CallParties("1001", "1002", "1002", null));
        LiveCalls.Decision d = press(live, "c1", true, clock);
        LiveCalls.Refused r = assertInstanceOf(LiveCalls.Refused.class, d);
        assertEquals("1001", r.who());
        assertTrue(r.why().contains("never") && r.why().contains("extension 1001"), r.why());

        live = live(Policies.of(List.of(new Policy(Scope.EXTENSION, "1002", Mode.ALWAYS)), Mode.ON_DEMAND));
        assertEquals(Mode.ALWAYS, live.answered("c2", new CallParties("1001", "1002", "1002", null)).mode());
        r = assertInstanceOf(LiveCalls.Refused.class, press(live, "c2", true, clock));
        assertTrue(r.why().contains("cannot be stopped"), r.why());
    }

    @Test
    void aCallAnsweredBeforeAnUpdateIsLearntAtItsFirstDigitAndForgottenWhenReleased() {
        LiveCalls live = live(Policies.of(List.of(), Mode.ON_DEMAND));
        AtomicReference<CallParties> known = new AtomicReference<>(new CallParties("1001", "1002", "1002", null));
        live.dtmf("c9", known::get, false, '*');
        assertEquals(new LiveCalls.Toggle("1002"), live.dtmf("c9", known::get, false, '1'));
        assertEquals(1, live.size());
        live.released("c9");
        assertEquals(0, live.size());
        assertInstanceOf(LiveCalls.Nothing.class, press(live, "c9", true, clock), "a call not answered: nothing");
    }

    @Test
    void oncePerLetsOneMessageThroughPerHourAndKey() {
        OncePer once = new OncePer(Recorder.HOUR_MILLIS, clock::get);
        assertTrue(once.allow("quota"));
        assertFalse(once.allow("quota"));
        assertTrue(once.allow("directory"));
        clock.addAndGet(Recorder.HOUR_MILLIS - 1);
        assertFalse(once.allow("quota"));
        clock.addAndGet(1);
        assertTrue(once.allow("quota"));
    }
}
