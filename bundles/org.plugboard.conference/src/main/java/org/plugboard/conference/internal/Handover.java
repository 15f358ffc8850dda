package org.plugboard.conference.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.plugboard.api.media.Conference;

/**
 * The rooms with callers as maps of JDK and API values for the next version of the bundle (the hand-over store's
 * rule: no class of this bundle in a map, the next version could not cast it). The callers' flows keep running on
 * this version's code after the update; what they still report (joined, left) reaches the next version through a
 * {@link Forward}, a future of a JDK function the next version completes.
 */
final class Handover {
    private Handover() {
    }

    /** How the next version hears a previous version's caller flow: {@code joined} or {@code left}. */
    interface Reporter {
        int report(String what, String room, int seatId, List<String> member);
    }

    /** The old version's side: reports go to the next version once it took the rooms over, or wait for it. */
    static final class Forward {
        private final CompletableFuture<Function<List<Object>, Integer>> next = new CompletableFuture<>();

        /** What the next version answers; before it is there: -1 for joined, 1 for left (the others hear a beep). */
        @SuppressWarnings("unchecked")
        int report(String what, String room, int seatId, List<String> member) {
            List<Object> args = List.of(what, room, seatId, member);
            Function<List<Object>, Integer> now = next.getNow(null);
            if (now != null) {
                return now.apply(args);
            }
            next.thenAccept(f -> f.apply(args));
            return "left".equals(what) ? 1 : -1;
        }
    }

    static List<Map<String, Object>> save(Collection<LiveRooms.Live> rooms, Forward forward) {
        List<Map<String, Object>> states = new ArrayList<>();
        for (LiveRooms.Live live : rooms) {
            Map<String, Object> m = new HashMap<>();
            m.put("number", live.number);
            m.put("engine", live.engine);
            m.put("conference", live.conference);
            m.put("nextId", live.nextId);
            List<Map<String, Object>> seats = new ArrayList<>();
            live.seats.forEach((id, seat) -> {
                Map<String, Object> s = new HashMap<>();
                s.put("id", id);
                s.put("kicked", seat.kicked);
                LiveRooms.Member member = live.members.get(id);
                if (member != null) {
                    s.put("member", List.of(member.caller(), member.callId(), member.endpointId()));
                    s.put("muted", member.muted());
                }
                seats.add(s);
            });
            m.put("seats", seats);
            m.put("forward", forward.next);
            states.add(m);
        }
        return states;
    }

    /** The rooms a previous version wrote, into {@code rooms}; its callers' reports go to {@code reporter} from now. */
    @SuppressWarnings("unchecked")
    static void takeOver(List<Map<String, Object>> states, Map<String, LiveRooms.Live> rooms, Reporter reporter) {
        Function<List<Object>, Integer> function = args -> reporter.report((String) args.get(0), (String) args.get(1),
                (Integer) args.get(2), (List<String>) args.get(3));
        for (Map<String, Object> m : states) {
            LiveRooms.Live live = new LiveRooms.Live((String) m.get("number"));
            live.engine = (String) m.get("engine");
            live.conference = (CompletableFuture<Conference>) m.get("conference");
            live.nextId = (Integer) m.get("nextId");
            for (Map<String, Object> s : (List<Map<String, Object>>) m.get("seats")) {
                int id = (Integer) s.get("id");
                live.seats.put(id, new LiveRooms.Seat(live.number, id, (CompletableFuture<String>) s.get("kicked")));
                List<String> member = (List<String>) s.get("member");
                if (member != null) {
                    live.members.put(id, new LiveRooms.Member(id, member.get(0), member.get(1), member.get(2),
                            (Boolean) s.get("muted")));
                }
            }
            rooms.put(live.number, live);
            ((CompletableFuture<Function<List<Object>, Integer>>) m.get("forward")).complete(function);
        }
    }
}
