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
 * this version's code after the update; what they still ask and report (reserve, open, others, joined, left)
 * reaches the next version through a {@link Forward}, a future of a JDK function the next version completes.
 */
final class Handover {
    private Handover() {
    }

    /** The old version's side: calls go to the next version once it took the rooms over. */
    static final class Forward {
        private final CompletableFuture<Function<List<Object>, Object>> next = new CompletableFuture<>();

        /** The next version's answer to {@code args} ({@code [operation, room, seat id, ...]}); null while none is there. */
        Object ask(List<Object> args) {
            Function<List<Object>, Object> now = next.getNow(null);
            return now == null ? null : now.apply(args);
        }

        /**
         * A report ({@code joined}, {@code left}): the next version's answer, or, before it is there, queued for it
         * (then 1 for left: the others hear a beep; -1 for joined).
         */
        int report(List<Object> args) {
            Function<List<Object>, Object> now = next.getNow(null);
            if (now != null) {
                return (Integer) now.apply(args);
            }
            next.thenAccept(f -> f.apply(args));
            return "left".equals(args.get(0)) ? 1 : -1;
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

    /** The rooms a previous version wrote, into {@code rooms}; its callers' calls go to {@code handler} from now. */
    @SuppressWarnings("unchecked")
    static void takeOver(List<Map<String, Object>> states, Map<String, LiveRooms.Live> rooms,
            Function<List<Object>, Object> handler) {
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
            ((CompletableFuture<Function<List<Object>, Object>>) m.get("forward")).complete(handler);
        }
    }
}
