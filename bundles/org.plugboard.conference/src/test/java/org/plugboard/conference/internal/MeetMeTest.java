package org.plugboard.conference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.service.Outcome;

class MeetMeTest {
    private static final MeetMe.Settings SETTINGS = new MeetMe.Settings(3, Duration.ofSeconds(10), Duration.ofMillis(2000));

    private final TestGateway engine = new TestGateway("local");
    private final LiveRooms live = new LiveRooms();

    private ScriptedLeg leg(String callId, String caller) {
        return new ScriptedLeg(callId, caller, Map.of("room", "800"), "local");
    }

    private CompletableFuture<Outcome> enter(ScriptedLeg leg, Room room) {
        return new MeetMe(leg, room, live, name -> name.equals(engine.engine()) ? engine : null, SETTINGS).run().toCompletableFuture();
    }

    @Test
    void aCallerStaysInTheRoomUntilItHangsUpAndTheEmptyRoomIsClosed() {
        ScriptedLeg a = leg("c1", "1001");
        CompletableFuture<Outcome> out = enter(a, new Room("800", null, "", 5));

        assertEquals(List.of("conf-800 join ep-c1"), engine.log);
        assertTrue(a.waiting());
        assertFalse(out.isDone());
        assertEquals(1, live.room("800").orElseThrow().members().size());

        a.hangUp();
        assertEquals(Outcome.proceed(), out.join());
        assertEquals(List.of("conf-800 join ep-c1", "conf-800 leave ep-c1", "conf-800 close"), engine.log);
        assertTrue(live.room("800").isEmpty());
    }

    @Test
    void theOthersHearJoinAndLeaveBeepsAndTheNewcomerDoesNot() {
        Room room = new Room("800", null, "", 5);
        ScriptedLeg a = leg("c1", "1001");
        ScriptedLeg b = leg("c2", "1002");
        CompletableFuture<Outcome> outA = enter(a, room);
        CompletableFuture<Outcome> outB = enter(b, room);

        b.hangUp();
        outB.join();
        a.hangUp();
        outA.join();
        assertEquals(List.of("conf-800 join ep-c1", "conf-800 beep JOIN", "conf-800 join ep-c2", "conf-800 leave ep-c2",
                "conf-800 beep LEAVE", "conf-800 leave ep-c1", "conf-800 close"), engine.log);
    }

    @Test
    void theRightPinOnTheSecondTryLetsTheCallerIn() {
        ScriptedLeg a = leg("c1", "1001").typing("1111", "4711");
        CompletableFuture<Outcome> out = enter(a, new Room("800", null, "4711", 5));

        assertEquals(List.of("play enter-pin", "collect", "play invalid", "play enter-pin", "collect", "wait"), a.done);
        assertEquals(List.of("conf-800 join ep-c1"), engine.log);
        assertFalse(out.isDone());
    }

    @Test
    void threeWrongPinsEndTheCallWith403AndTakeNoSeat() {
        ScriptedLeg a = leg("c1", "1001").typing("1", "2", "");
        Outcome out = enter(a, new Room("800", null, "4711", 2)).join();

        Outcome.Reject r = assertInstanceOf(Outcome.Reject.class, out);
        assertEquals(403, r.status());
        assertEquals(CallTag.NOT_PERMITTED, r.tag());
        assertEquals("conference 800: wrong PIN 3 times", r.text());
        assertEquals(List.of("play enter-pin", "collect", "play invalid", "play enter-pin", "collect", "play invalid",
                "play enter-pin", "collect", "play goodbye"), a.done);
        assertEquals(List.of(), engine.log);
        assertTrue(live.room("800").isEmpty());
    }

    @Test
    void aFullRoomGivesTheBusyToneThen486AndLetsTheNextInWhenOneLeft() {
        Room room = new Room("800", null, "", 2);
        ScriptedLeg a = leg("c1", "1001");
        enter(a, room);
        enter(leg("c2", "1002"), room);
        ScriptedLeg c = leg("c3", "1003");

        Outcome.Reject r = assertInstanceOf(Outcome.Reject.class, enter(c, room).join());
        assertEquals(486, r.status());
        assertEquals(CallTag.CALL_LIMIT, r.tag());
        assertEquals("conference 800 is full (2 members)", r.text());
        assertEquals(List.of("tone BUSY 2000ms"), c.done);
        assertFalse(engine.log.contains("conf-800 join ep-c3"));

        a.hangUp();
        ScriptedLeg d = leg("c4", "1004");
        enter(d, room);
        assertTrue(d.waiting());
        assertEquals("conf-800 join ep-c4", engine.log.get(engine.log.size() - 1));
    }

    @Test
    void aKickedMemberIsHungUpWithTheAdminTagAndLeaves() {
        Room room = new Room("800", null, "", 5);
        CompletableFuture<Outcome> outA = enter(leg("c1", "1001"), room);
        enter(leg("c2", "1002"), room);

        assertTrue(live.kick("800", "1001"));
        Outcome.Reject r = assertInstanceOf(Outcome.Reject.class, outA.join());
        assertEquals(CallTag.ADMIN_HANGUP, r.tag());
        assertEquals("removed from conference 800 by the administrator", r.text());
        assertTrue(engine.log.containsAll(List.of("conf-800 leave ep-c1", "conf-800 beep LEAVE")));
        assertEquals(List.of("1002"), live.room("800").orElseThrow().members().stream().map(LiveRooms.Member::caller).toList());
        assertFalse(live.kick("800", "1001"));
    }

    @Test
    void muteGoesToTheEngineByEndpointAndShowsInTheList() {
        Room room = new Room("800", null, "", 5);
        enter(leg("c1", "1001"), room);
        enter(leg("c2", "1002"), room);

        assertTrue(live.mute("800", "2", true));
        assertTrue(engine.log.contains("conf-800 mute ep-c2"));
        assertTrue(live.room("800").orElseThrow().members().get(1).muted());
        assertTrue(live.mute("800", "1002", false));
        assertTrue(engine.log.contains("conf-800 unmute ep-c2"));
        assertFalse(live.mute("800", "9", true));
        assertFalse(live.mute("801", "1", true));
    }

    @Test
    void noGatewayForTheLegsEngineIs503AndGivesTheSeatBack() {
        Room room = new Room("800", null, "", 2);
        ScriptedLeg remote = new ScriptedLeg("c1", "1001", Map.of("room", "800"), "node1");
        Outcome.Reject r = assertInstanceOf(Outcome.Reject.class, enter(remote, room).join());
        assertEquals(503, r.status());
        assertEquals(CallTag.MEDIA_FAILURE, r.tag());
        assertTrue(r.text().contains("no media gateway 'node1'"), r.text());
        assertTrue(live.room("800").isEmpty());
    }

    @Test
    void aCallerThatHangsUpDuringThePinTakesNoSeat() {
        ScriptedLeg a = leg("c1", "1001");
        a.hangUp();
        assertEquals(Outcome.proceed(), enter(a, new Room("800", null, "4711", 2)).join());
        assertTrue(live.room("800").isEmpty());
        assertEquals(List.of(), engine.log);
    }

    @Test
    void theRoomReopensAfterTheLastLeft() {
        Room room = new Room("800", null, "", 2);
        ScriptedLeg a = leg("c1", "1001");
        enter(a, room);
        a.hangUp();
        ScriptedLeg b = leg("c2", "1002");
        enter(b, room);
        assertEquals(2, engine.opened);
        assertTrue(engine.open.containsKey("conf-800"));
        assertFalse(engine.log.subList(3, engine.log.size()).contains("conf-800 beep JOIN"), "nobody to hear a beep: " + engine.log);
    }

    @Test
    void aRoomTheEngineStillHasMembersInIsNotClosed() {
        // a caller let in by the previous version of this bundle (before an update): in the engine, not in memory
        engine.conference("conf-800").toCompletableFuture().join().join(new TestEndpoint("ep-old", "c0", "local"), false);
        ScriptedLeg a = leg("c1", "1001");
        enter(a, new Room("800", null, "", 5));
        a.hangUp();
        assertFalse(engine.log.contains("conf-800 close"), engine.log.toString());
        assertTrue(engine.open.containsKey("conf-800"));
    }
}
