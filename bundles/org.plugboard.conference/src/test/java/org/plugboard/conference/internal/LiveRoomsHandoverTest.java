package org.plugboard.conference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.service.Outcome;
import org.plugboard.handover.internal.MemoryHandoverStore;

/**
 * An update of this bundle with callers in a room, through the real hand-over store: the next version lists, counts,
 * mutes and kicks the callers the previous version let in (whose flows still run on the previous version's code),
 * hears of their leaving, and closes the engine's room when the last one, old or new, is out.
 */
class LiveRoomsHandoverTest {
    private static final MeetMe.Settings SETTINGS = new MeetMe.Settings(3, Duration.ofSeconds(10), Duration.ofMillis(2000));
    private final TestGateway engine = new TestGateway("local");
    private final MemoryHandoverStore store = new MemoryHandoverStore(new MemoryHandoverStore.Config() {
        @Override
        public int keep_seconds() {
            return 300;
        }

        @Override
        public Class<? extends Annotation> annotationType() {
            return MemoryHandoverStore.Config.class;
        }
    });

    private CompletableFuture<Outcome> enter(LiveRooms live, ScriptedLeg leg, Room room) {
        return new MeetMe(leg, room, live, name -> engine, SETTINGS).run().toCompletableFuture();
    }

    private static ScriptedLeg leg(String callId, String caller) {
        return new ScriptedLeg(callId, caller, Map.of("room", "800"), "local");
    }

    private static List<String> callers(LiveRooms live) {
        return live.room("800").orElseThrow().members().stream().map(LiveRooms.Member::caller).toList();
    }

    @Test
    void theNextVersionListsMutesAndKicksTheCallersThePreviousOneLetIn() {
        Room room = new Room("800", null, "", 4);
        LiveRooms previous = new LiveRooms(store);
        ScriptedLeg a = leg("c1", "1001");
        ScriptedLeg b = leg("c2", "1002");
        CompletableFuture<Outcome> outA = enter(previous, a, room);
        CompletableFuture<Outcome> outB = enter(previous, b, room);

        previous.deactivate();
        LiveRooms next = new LiveRooms(store);
        assertEquals(List.of("1001", "1002"), callers(next));
        assertTrue(next.mute("800", "1002", true));
        assertTrue(engine.log.contains("conf-800 mute ep-c2"));

        // a caller whose flow runs on the previous version (it was typing its PIN when the bundle stopped)
        ScriptedLeg late = leg("c5", "1005");
        CompletableFuture<Outcome> outLate = enter(previous, late, room);
        assertEquals(List.of("1001", "1002", "1005"), callers(next), "seated and listed by the next version");

        ScriptedLeg c = leg("c3", "1003");
        CompletableFuture<Outcome> outC = enter(next, c, room);
        assertEquals(List.of("1001", "1002", "1005", "1003"), callers(next), "the old callers count against the maximum");
        CompletableFuture<Outcome> outD = enter(next, leg("c4", "1004"), room);
        assertEquals(CallTag.CALL_LIMIT, assertInstanceOf(Outcome.Reject.class, outD.join()).tag());

        assertTrue(next.kick("800", "1001"));
        Outcome.Reject kicked = assertInstanceOf(Outcome.Reject.class, outA.join());
        assertEquals(CallTag.ADMIN_HANGUP, kicked.tag());
        assertEquals(List.of("1002", "1005", "1003"), callers(next), "the old flow's leaving reached the next version");
        assertTrue(engine.log.containsAll(List.of("conf-800 leave ep-c1", "conf-800 beep LEAVE")));

        b.hangUp();
        assertEquals(Outcome.proceed(), outB.join());
        late.hangUp();
        assertEquals(Outcome.proceed(), outLate.join());
        assertEquals(List.of("1003"), callers(next));
        assertFalse(engine.log.contains("conf-800 close"));
        c.hangUp();
        outC.join();
        assertTrue(next.room("800").isEmpty());
        assertEquals("conf-800 close", engine.log.get(engine.log.size() - 1), "the last one out closes the engine's room");
    }
}
