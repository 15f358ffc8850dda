package org.plugboard.groups.internal;

import java.util.List;

import org.plugboard.api.routing.Route;

/**
 * Where a call to a ring group goes, from memory: simultaneous rings every member at once ({@code Route.Parallel});
 * sequential hunts them in listed order and round-robin least recently offered first ({@code Route.Hunt}, each for
 * the member ring time). A group without members gets an empty parallel route: the call finds no one, fails as
 * unreachable (480), and the group's no-answer destination takes it.
 */
final class GroupRouting {
    private final Rotation rotation;

    GroupRouting(Rotation rotation) {
        this.rotation = rotation;
    }

    Route route(RingGroup g) {
        List<String> members = g.members();
        if (members.isEmpty()) {
            return new Route.Parallel(List.of());
        }
        return switch (g.strategy()) {
            case SIMULTANEOUS -> new Route.Parallel(members.stream().<Route>map(Route.ToExtension::new).toList());
            case SEQUENTIAL -> new Route.Hunt(members, g.memberSeconds());
            case ROUND_ROBIN -> new Route.Hunt(rotation.next(g.number(), members), g.memberSeconds());
        };
    }

    /** The order the next call would ring, for the console; nothing is marked. */
    List<String> nextOrder(RingGroup g) {
        return g.strategy() == Strategy.ROUND_ROBIN ? rotation.peek(g.number(), g.members()) : g.members();
    }
}
