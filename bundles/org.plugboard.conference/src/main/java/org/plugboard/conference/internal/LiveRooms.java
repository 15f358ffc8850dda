package org.plugboard.conference.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.plugboard.api.handover.HandoverStore;
import org.plugboard.api.media.Conference;
import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rooms with callers in them now: seats (a caller holds one from the moment it passed the PIN until it left, so
 * a room never takes more than its maximum), the engine's {@link Conference} of each, and its members for the
 * console (mute, kick). The engine's room is closed when the last seat is given back and the engine lists no member.
 * Memory only, one short lock: safe from strands and engine threads alike.
 */
@Component(service = LiveRooms.class)
public class LiveRooms {
    /** The owner name of the rooms' seats in the hand-over store. */
    static final String HANDOVER_OWNER = "org.plugboard.conference";
    private static final Logger LOG = LoggerFactory.getLogger(LiveRooms.class);
    /** Loaded with this class, for what the next version asks of it after its bundle was uninstalled (see MeetMe). */
    static final List<Class<?>> NEEDED_AFTER_UNINSTALL = List.of(MediaException.class, Room.class, Handover.Forward.class);
    /** The conference's name in the engine for a room number. */
    static String engineName(String number) {
        return "conf-" + number;
    }

    /** A caller's place in a room; {@link #kicked} completes when the console removes it. */
    public static final class Seat {
        final String room;
        final int id;
        /** A JDK type: a seat taken over from a previous version keeps the future its caller's flow waits on. */
        final CompletableFuture<String> kicked;

        Seat(String room, int id) {
            this(room, id, new CompletableFuture<>());
        }

        Seat(String room, int id, CompletableFuture<String> kicked) {
            this.room = room;
            this.id = id;
            this.kicked = kicked;
        }

        public int id() {
            return id;
        }
    }

    /** A member as the console shows it. */
    public record Member(int id, String caller, String callId, String endpointId, boolean muted) {
    }

    /** A room with members now. */
    public record View(String number, String engine, List<Member> members, int seats) {
    }

    static final class Live {
        final String number;
        final Map<Integer, Seat> seats = new LinkedHashMap<>();
        final Map<Integer, Member> members = new LinkedHashMap<>();
        String engine;
        CompletableFuture<Conference> conference;
        int nextId = 1;

        Live(String number) {
            this.number = number;
        }
    }

    private final Map<String, Live> rooms = new HashMap<>();
    private final HandoverStore handover;
    /** Set once this version handed its rooms over: what its callers' flows still report goes to the next version. */
    private Handover.Forward forward;

    /** Without a hand-over store (tests): an update of the bundle forgets who is in the rooms. */
    public LiveRooms() {
        this(null);
    }

    /**
     * Takes over the rooms a previous version handed over (feature pbx-handover): their members are listed,
     * counted, muted and kicked here, while their calls still run on the previous version's stages.
     */
    @Activate
    public LiveRooms(@Reference(name = "handover", cardinality = ReferenceCardinality.OPTIONAL,
            policyOption = ReferencePolicyOption.GREEDY) HandoverStore handover) {
        this.handover = handover;
        if (handover != null) {
            List<Map<String, Object>> states = handover.collect(HANDOVER_OWNER);
            synchronized (this) {
                Handover.takeOver(states, rooms, this::handle);
            }
            if (!states.isEmpty()) {
                LOG.info("Conference: took over {} room(s) with {} caller(s) from the previous version", states.size(),
                        rooms.values().stream().mapToInt(l -> l.seats.size()).sum());
            }
        }
    }

    /**
     * The bundle stops (update, feature uninstall): the rooms with callers go to the hand-over store; the callers'
     * flows keep running on this version's code and ask and report through the store's forward.
     */
    @Deactivate
    public synchronized void deactivate() {
        if (handover == null || rooms.isEmpty()) {
            return;
        }
        forward = new Handover.Forward();
        List<Map<String, Object>> states = Handover.save(rooms.values(), forward);
        try {
            handover.deposit(HANDOVER_OWNER, states);
            LOG.info("Conference: handed {} room(s) over to the next version", states.size());
        } catch (RuntimeException e) {
            LOG.error("Conference: the hand-over store refused {} room(s): the next version will not list their callers",
                    states.size(), e);
        }
    }

    /**
     * A previous version's caller flow asks or reports ({@code [operation, room, seat id or max, ...]}): reserve
     * (a seat: {@code [id, kicked stage]}, or false when full), open, others, joined, left (members left).
     */
    @SuppressWarnings("unchecked")
    private Object handle(List<Object> args) {
        String op = (String) args.get(0);
        String room = (String) args.get(1);
        if (op.equals("reserve")) {
            Optional<Seat> seat = reserve(new Room(room, null, "", (Integer) args.get(2)));
            return seat.<Object>map(s -> List.of(s.id, s.kicked)).orElse(Boolean.FALSE);
        }
        int id = (Integer) args.get(2);
        Seat seat;
        synchronized (this) {
            Live live = rooms.get(room);
            seat = live == null ? null : live.seats.get(id);
            if (seat != null && op.equals("joined")) {
                List<String> m = (List<String>) args.get(3);
                live.members.put(id, new Member(id, m.get(0), m.get(1), m.get(2), false));
                return live.members.size();
            }
        }
        return switch (op) {
            case "open" -> seat == null ? CompletableFuture.failedFuture(new MediaException(MediaException.Kind.NO_SESSION,
                    "seat given back")) : open(seat, (MediaGateway) args.get(3));
            case "others" -> others(new Seat(room, id));
            case "left" -> seat == null ? 0 : leave(seat);
            default -> -1;
        };
    }

    /** A seat in the room, or empty when its members and those on their way fill it. */
    @SuppressWarnings("unchecked")
    public synchronized Optional<Seat> reserve(Room room) {
        if (forward != null) { // handed over: the next version seats the caller (while none is there: this memory)
            Object seat = forward.ask(List.of("reserve", room.number(), room.maxMembers()));
            if (seat instanceof List<?> s) {
                return Optional.of(new Seat(room.number(), (Integer) s.get(0), (CompletableFuture<String>) s.get(1)));
            }
            if (Boolean.FALSE.equals(seat)) {
                return Optional.empty();
            }
        }
        Live live = rooms.computeIfAbsent(room.number(), Live::new);
        if (live.seats.size() >= room.maxMembers()) {
            return Optional.empty();
        }
        Seat seat = new Seat(room.number(), live.nextId++);
        live.seats.put(seat.id, seat);
        return Optional.of(seat);
    }

    /**
     * The engine's room for the seat's room, opened on the first seat's gateway. A caller whose leg is on another
     * engine than the room's fails with {@link MediaException.Kind#ENGINE_FAILURE}.
     */
    @SuppressWarnings("unchecked")
    public synchronized CompletionStage<Conference> open(Seat seat, MediaGateway gateway) {
        if (forward != null && forward.ask(List.of("open", seat.room, seat.id, gateway)) instanceof CompletionStage<?> c) {
            return (CompletionStage<Conference>) c;
        }
        Live live = rooms.get(seat.room);
        if (live == null || !live.seats.containsKey(seat.id)) {
            return CompletableFuture.failedFuture(new MediaException(MediaException.Kind.NO_SESSION, "seat given back"));
        }
        if (live.conference == null || live.conference.isCompletedExceptionally()) {
            live.engine = gateway.engine();
            live.conference = gateway.conference(engineName(live.number)).toCompletableFuture();
        } else if (!live.engine.equals(gateway.engine())) {
            return CompletableFuture.failedFuture(new MediaException(MediaException.Kind.ENGINE_FAILURE, "conference " + live.number
                    + " is mixed by media engine '" + live.engine + "', this caller's media is on '" + gateway.engine() + "'"));
        }
        return live.conference;
    }

    /** Members in the seat's room other than the seat's own. */
    public synchronized int others(Seat seat) {
        if (forward != null && forward.ask(List.of("others", seat.room, seat.id)) instanceof Integer n) {
            return n;
        }
        Live live = rooms.get(seat.room);
        return live == null ? 0 : (int) live.members.keySet().stream().filter(id -> id != seat.id).count();
    }

    /** The seat's caller is in the mix now. */
    public synchronized void joined(Seat seat, MediaEndpoint endpoint, String caller, String callId) {
        if (forward != null) {
            forward.report(List.of("joined", seat.room, seat.id, List.of(caller, callId, endpoint.id())));
            return;
        }
        Live live = rooms.get(seat.room);
        if (live != null && live.seats.containsKey(seat.id)) {
            live.members.put(seat.id, new Member(seat.id, caller, callId, endpoint.id(), false));
        }
    }

    /**
     * Gives the seat back. When it was the last, the engine's room is closed (inside the lock, so a caller arriving
     * now opens a fresh one). Idempotent.
     *
     * @return the members left in the room
     */
    public synchronized int leave(Seat seat) {
        if (forward != null) {
            return forward.report(List.of("left", seat.room, seat.id));
        }
        Live live = rooms.get(seat.room);
        if (live == null || live.seats.remove(seat.id) == null) {
            return live == null ? 0 : live.members.size();
        }
        live.members.remove(seat.id);
        if (live.seats.isEmpty()) {
            rooms.remove(seat.room);
            if (live.conference != null) {
                // the engine's own member list decides: after an update of this bundle, callers the previous
                // version let in are in the engine's room but not in this memory
                live.conference.thenAccept(c -> {
                    if (c.members().isEmpty()) {
                        c.close();
                    }
                });
            }
        }
        return live.members.size();
    }

    /** Mutes or unmutes a member by its id or caller; false when there is no such member. */
    public boolean mute(String number, String member, boolean muted) {
        Conference conference;
        Member m;
        synchronized (this) {
            Live live = rooms.get(number);
            m = live == null ? null : find(live, member);
            if (m == null || live.conference == null || !live.conference.isDone() || live.conference.isCompletedExceptionally()) {
                return false;
            }
            conference = live.conference.join();
            live.members.put(m.id(), new Member(m.id(), m.caller(), m.callId(), m.endpointId(), muted));
        }
        return conference.mute(m.endpointId(), muted);
    }

    /** Ends a member's call; false when there is no such member. */
    public boolean kick(String number, String member) {
        Seat seat;
        synchronized (this) {
            Live live = rooms.get(number);
            Member m = live == null ? null : find(live, member);
            seat = m == null ? null : live.seats.get(m.id());
        }
        return seat != null && seat.kicked.complete("removed from conference " + number + " by the administrator");
    }

    /** The rooms with callers, by number. */
    public synchronized List<View> rooms() {
        List<View> out = new ArrayList<>();
        for (Live live : rooms.values()) {
            out.add(new View(live.number, live.engine, List.copyOf(live.members.values()), live.seats.size()));
        }
        out.sort(Comparator.comparing(View::number));
        return out;
    }

    public synchronized Optional<View> room(String number) {
        Live live = rooms.get(number);
        return live == null ? Optional.empty()
                : Optional.of(new View(live.number, live.engine, List.copyOf(live.members.values()), live.seats.size()));
    }

    /** By member id ({@code 2}), else by caller ({@code 1001}) when only one member is that caller. */
    private static Member find(Live live, String member) {
        if (member == null) {
            return null;
        }
        try {
            Member byId = live.members.get(Integer.parseInt(member));
            if (byId != null) {
                return byId;
            }
        } catch (NumberFormatException e) {
            // not an id: try the caller
        }
        List<Member> byCaller = live.members.values().stream().filter(m -> member.equals(m.caller())).toList();
        return byCaller.size() == 1 ? byCaller.get(0) : null;
    }
}
