package org.plugboard.forwarding.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.Router;

/** Inside the PBX: extensions, and what routers send to extensions (ring groups); outside: lines, trunks, nothing. */
class InternalNumbersTest {
    private final Router dialPlan = r -> r.dialled().startsWith("0") ? new Route.ToSip("sip:" + r.dialled() + "@carrier", null,
            "carrier", null) : null;
    private final Router groups = r -> switch (r.dialled()) {
        case "600" -> new Route.Parallel(List.of(new Route.ToExtension("1002"), new Route.ToExtension("1003")));
        case "601" -> new Route.Hunt(List.of("1002"), 10);
        case "602" -> new Route.Parallel(List.of());
        case "971002" -> new Route.ToApplication("voicemail", java.util.Map.of("box", "1002"));
        case "699" -> throw new IllegalStateException("a broken router");
        default -> null;
    };
    private final Router refuses = r -> r.dialled().equals("666") ? new Route.Reject(403, "Barred", CallTag.ROUTING_FAILURE) : null;
    private final InternalNumbers numbers = new InternalNumbers(Set.of("1002", "1003")::contains, List.of(dialPlan, groups, refuses));

    @Test
    void extensionsAndRingGroupsAreInside() {
        assertTrue(numbers.isInternal("1002"));
        assertTrue(numbers.isInternal("600"), "a simultaneous group");
        assertTrue(numbers.isInternal("601"), "a hunt group");
        assertTrue(numbers.isInternal("971002"), "a media application such as a voicemail deposit number");
    }

    @Test
    void linesTrunksRefusalsAndUnknownNumbersAreOutside() {
        assertFalse(numbers.isInternal("0612345678"), "a line's prefix");
        assertFalse(numbers.isInternal("666"), "a number a router refuses");
        assertFalse(numbers.isInternal("777"), "a number nothing routes");
        assertFalse(numbers.isInternal("602"), "a group without members rings nobody inside");
        assertFalse(numbers.isInternal("699"), "a router that throws says nothing, and nothing else knows it");
    }
}
