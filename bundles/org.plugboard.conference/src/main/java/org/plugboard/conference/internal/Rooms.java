package org.plugboard.conference.internal;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.directory.Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rooms: in memory for the call strands ({@link #byNumber}), in the database ({@link RoomStore}) for restarts.
 * Changes run one at a time on this component's writer thread, database first, then memory. A room number must not
 * be an extension's (the room's router ranks above extensions and would hide it).
 */
@Component(service = Rooms.class, configurationPid = ConferenceConfig.PID)
public class Rooms {
    private static final Logger LOG = LoggerFactory.getLogger(Rooms.class);

    private final RoomStore store;
    private final Predicate<String> isExtension;
    private final Clock clock;
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    private volatile int defaultMaxMembers = 10;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "conference-rooms-writer");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public Rooms(@Reference(name = "dataSource", target = "(dataSourceName=plugboard)") DataSource dataSource,
            @Reference Directory directory, ConferenceConfig config) {
        this(dataSource, n -> directory.find(n).isPresent(), Clock.systemUTC());
        modified(config);
    }

    Rooms(DataSource dataSource, Predicate<String> isExtension, Clock clock) {
        this.store = new RoomStore(dataSource);
        this.isExtension = isExtension;
        this.clock = clock;
        int applied = store.migrate(getClass().getClassLoader());
        store.loadAll().forEach(r -> rooms.put(r.number(), r));
        LOG.info("Conference rooms ready: {}{}", rooms.size(), applied > 0 ? " (" + applied + " migration(s) applied)" : "");
    }

    @Modified
    void modified(ConferenceConfig config) {
        defaultMaxMembers = Math.max(2, Math.min(Room.MAX_MEMBERS, config.default_max_members()));
    }

    /** The size of a room added without one. */
    public int defaultMaxMembers() {
        return defaultMaxMembers;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        writer.shutdown();
        if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
            writer.shutdownNow();
        }
    }

    /** From memory: safe on a call's strand. */
    public Optional<Room> byNumber(String number) {
        return number == null ? Optional.empty() : Optional.ofNullable(rooms.get(number));
    }

    public List<Room> all() {
        return rooms.values().stream().sorted(Comparator.comparing(Room::number)).toList();
    }

    /** Adds a room on the writer thread; fails with an IllegalArgumentException naming the conflict and the fix. */
    public CompletableFuture<Room> add(Room room) {
        return CompletableFuture.supplyAsync(() -> {
            if (rooms.containsKey(room.number())) {
                throw new IllegalArgumentException("room " + room.number() + " exists already; pbx:conf-remove " + room.number()
                        + " first, or choose another number");
            }
            if (isExtension.test(room.number())) {
                throw new IllegalArgumentException(room.number() + " is an extension's number; choose a number no extension has "
                        + "(pbx:ext-list shows them)");
            }
            store.insert(room, clock.instant());
            rooms.put(room.number(), room);
            LOG.info("Conference room {} '{}' added (PIN {}, at most {} members)", room.number(), room.name(),
                    room.hasPin() ? "set" : "none", room.maxMembers());
            return room;
        }, writer);
    }

    /** Removes a room on the writer thread; fails naming an unknown room. Callers in it stay until they hang up. */
    public CompletableFuture<Room> remove(String number) {
        return CompletableFuture.supplyAsync(() -> {
            Room room = rooms.get(number);
            if (room == null) {
                throw new IllegalArgumentException("no room " + number + "; pbx:conf-list shows the rooms");
            }
            store.delete(number);
            rooms.remove(number);
            LOG.info("Conference room {} removed", number);
            return room;
        }, writer);
    }
}
