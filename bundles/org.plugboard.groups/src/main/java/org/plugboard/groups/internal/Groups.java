package org.plugboard.groups.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.plugboard.api.directory.Directory;
import org.plugboard.api.directory.Extension;
import org.plugboard.api.routing.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ring groups and pickup groups: kept in the database, answered from memory. Loaded once at activation; a write
 * goes to the database first and changes the in-memory {@link GroupsState} only after the commit, so a failed write
 * leaves both as they were. Writes are serialized; reads take no lock. Also holds the round-robin {@link Rotation}
 * (memory only). Registered as a service for the router, the call service and the console commands of this bundle
 * (its package is not exported).
 */
@Component(service = Groups.class, configurationPid = Groups.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = Groups.Config.class)
public class Groups {
    static final String PID = "org.plugboard.groups";
    private static final Logger LOG = LoggerFactory.getLogger(Groups.class);

    @ObjectClassDefinition(name = "Plugboard ring groups", description = "Defaults for new ring groups")
    public @interface Config {
        @AttributeDefinition(name = "ring.seconds", description = "Simultaneous groups: how long every member rings before the"
                + " no-answer destination, when pbx:group-add gives no --ring (1-3600)")
        int ring_seconds() default 30;

        @AttributeDefinition(name = "member.ring.seconds", description = "Sequential and round-robin groups: how long each member"
                + " rings before the next, when pbx:group-add gives no --member-ring (1-3600)")
        int member_ring_seconds() default 15;
    }

    /** What {@link #add} did: the group as it is now, and whether it is new. */
    public record Saved(RingGroup group, boolean created) {
    }

    private final GroupStore store;
    private final Rotation rotation;
    private final GroupRouting routing;
    private final Object writes = new Object();
    private volatile GroupsState state = GroupsState.EMPTY;
    private volatile Config config;

    @Reference(policy = ReferencePolicy.DYNAMIC)
    private volatile Directory directory;

    @Activate
    public Groups(@Reference(name = "dataSource", target = "(dataSourceName=plugboard)") DataSource dataSource, Config config) {
        this(new GroupStore(dataSource), Clock.systemUTC());
        this.config = checked(config);
        store.migrate(getClass().getClassLoader());
        state = store.load();
        LOG.info("Groups ready: {} ring group(s), {} pickup group(s); new groups ring {} s (simultaneous) or {} s per member",
                state.rings().size(), state.pickups().size(), config.ring_seconds(), config.member_ring_seconds());
    }

    /** For tests: a store already migrated, nothing loaded until {@link #reload()}, and a stand-in directory. */
    Groups(GroupStore store, Clock clock) {
        this.store = store;
        this.rotation = new Rotation(clock);
        this.routing = new GroupRouting(rotation);
    }

    void reload() {
        synchronized (writes) {
            state = store.load();
        }
    }

    void directory(Directory d) {
        this.directory = d;
    }

    void config(Config c) {
        this.config = checked(c);
    }

    @Modified
    void modified(Config c) {
        config = checked(c);
        LOG.info("Groups: new groups ring {} s (simultaneous) or {} s per member", c.ring_seconds(), c.member_ring_seconds());
    }

    private static Config checked(Config c) {
        GroupRules.seconds("ring.seconds", c.ring_seconds());
        GroupRules.seconds("member.ring.seconds", c.member_ring_seconds());
        return c;
    }

    // ---- reads (any thread, the strands included) ----------------------------------------------------------

    /** Everything now: a volatile read. */
    GroupsState state() {
        return state;
    }

    /** Where a call to {@code number} goes when it is a ring group (round-robin: marks its first member offered). */
    Route route(String number) {
        RingGroup g = state.ring(number);
        return g == null ? null : routing.route(g);
    }

    public Optional<RingGroup> find(String number) {
        return Optional.ofNullable(state.ring(number));
    }

    public List<RingGroup> list() {
        return state.ringList();
    }

    /** The order the next call to the group would ring its members in. */
    public List<String> nextOrder(RingGroup g) {
        return routing.nextOrder(g);
    }

    /** Round-robin: when each member was last offered a call (memory only). */
    public Map<String, Instant> lastOffered(RingGroup g) {
        Map<String, Instant> out = new java.util.HashMap<>();
        rotation.offers(g.number()).forEach((member, offer) -> out.put(member, offer.at()));
        return out;
    }

    public PickupGroups pickupGroups() {
        return state.pickups();
    }

    /** The directory's extension, if {@code number} is one now. */
    public Optional<Extension> extension(String number) {
        Directory d = directory;
        return d == null ? Optional.empty() : d.find(number);
    }

    private Predicate<String> isExtension() {
        return n -> extension(n).isPresent();
    }

    // ---- writes (console threads; blocking) ----------------------------------------------------------------

    /**
     * Adds a group, or changes the settings of an existing one (its members stay). {@code ring}, {@code memberRing}
     * and {@code noAnswer} null: the current value, or the configured default for a new group. Throws
     * {@link IllegalArgumentException} naming the fault and the fix.
     */
    public Saved add(String number, String name, String strategy, Integer ring, Integer memberRing, String noAnswer) {
        String n = GroupRules.groupNumber(number);
        Strategy s = Strategy.parse(strategy);
        synchronized (writes) {
            RingGroup old = state.ring(n);
            if (old == null) {
                Optional<Extension> clash = extension(n);
                if (clash.isPresent()) {
                    throw new IllegalArgumentException(n + " is an extension (" + clash.get().displayName() + "): a group needs a number"
                            + " of its own; pick one that pbx:ext-list and pbx:group-list do not show");
                }
            }
            Config c = config;
            RingGroup g = new RingGroup(n, GroupRules.name(name, n), s,
                    GroupRules.seconds("--ring", ring != null ? ring : old != null ? old.ringSeconds() : c.ring_seconds()),
                    GroupRules.seconds("--member-ring", memberRing != null ? memberRing
                            : old != null ? old.memberSeconds() : c.member_ring_seconds()),
                    noAnswer != null ? GroupRules.noAnswer(noAnswer, n) : old != null ? old.noAnswer() : null,
                    old != null ? old.members() : List.of());
            store.save(g, old != null);
            state = state.with(g);
            if (old != null && old.strategy() != s) {
                rotation.forget(n);
            }
            LOG.info("Groups: {} {}", old == null ? "added" : "changed", g.describe());
            return new Saved(g, old == null);
        }
    }

    /** Sets the members of a group, in ring order; unknown extensions are refused, named. */
    public RingGroup setMembers(String number, List<String> extensions) {
        synchronized (writes) {
            RingGroup old = existing(number);
            List<String> members = GroupRules.members(extensions, isExtension(), "group " + old.number());
            store.setMembers(old.number(), members);
            RingGroup g = old.withMembers(members);
            state = state.with(g);
            LOG.info("Groups: members of {} now {}", g.number(), members.isEmpty() ? "none" : String.join(",", members));
            return g;
        }
    }

    /** Removes a group and its members; returns what it was. */
    public RingGroup remove(String number) {
        synchronized (writes) {
            RingGroup old = existing(number);
            store.remove(old.number());
            state = state.withoutRing(old.number());
            rotation.forget(old.number());
            LOG.info("Groups: removed {}", old.describe());
            return old;
        }
    }

    /** Sets the extensions of a pickup group (replacing its old ones); none removes the group. Returns it, or null. */
    public PickupGroup setPickup(String name, List<String> extensions) {
        String n = GroupRules.pickupName(name);
        synchronized (writes) {
            Set<String> members = new TreeSet<>(GroupRules.members(extensions, isExtension(), "pickup group " + n));
            if (members.isEmpty() && state.pickups().find(n) == null) {
                throw new IllegalArgumentException("there is no pickup group " + n + ": give its extensions to create it, e.g."
                        + " pbx:pickup-group " + n + " 1001 1002");
            }
            store.setPickup(n, members);
            PickupGroup g = members.isEmpty() ? null : new PickupGroup(n, members);
            state = state.with(g == null ? state.pickups().without(n) : state.pickups().with(g));
            LOG.info("Groups: pickup group {} {}", n, g == null ? "removed" : "now " + String.join(",", members));
            return g;
        }
    }

    private RingGroup existing(String number) {
        RingGroup g = state.ring(number == null ? null : number.trim());
        if (g == null) {
            throw new IllegalArgumentException("there is no group " + number + ": pbx:group-list shows the groups; add one with"
                    + " pbx:group-add");
        }
        return g;
    }
}
