package org.plugboard.groups.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;

/** The pickup codes and where they route: pickup groups from memory, directed pickup to an existing extension. */
class PickupCodesTest {
    private static final Set<String> EXTENSIONS = Set.of("1001", "1002", "1003", "1004", "1005");
    private final PickupCodes codes = new PickupCodes("*8", "**");
    private final PickupGroups groups = PickupGroups.of(List.of(new PickupGroup("sales", Set.of("1001", "1002", "1003")),
            new PickupGroup("desk", Set.of("1003", "1004"))));

    private Route route(String dialled, String caller) {
        return codes.route(new RouteRequest(dialled, caller, "default"), groups, EXTENSIONS::contains);
    }

    @Test
    void theGroupCodeTakesCallsRingingAtEveryPeerOfEveryPickupGroupOfTheCaller() {
        assertEquals(new Route.Pickup(Set.of("1001", "1002", "1004")), route("*8", "1003"));
        assertEquals(new Route.Pickup(Set.of("1002", "1003")), route("*8", "1001"));
    }

    @Test
    void anExtensionInNoPickupGroupIsRefusedSayingSo() {
        assertEquals(new Route.Reject(403, "Not In A Pickup Group", CallTag.ROUTING_FAILURE), route("*8", "1005"));
    }

    @Test
    void directedPickupNamesOneExtension() {
        assertEquals(new Route.Pickup(Set.of("1005")), route("**1005", "1001"), "any extension, pickup group or not");
        assertEquals(404, ((Route.Reject) route("**7777", "1001")).status());
        assertTrue(((Route.Reject) route("**7777", "1001")).reason().contains("7777"));
        assertEquals(403, ((Route.Reject) route("**1001", "1001")).status(), "its own calls");
        assertNull(route("**", "1001"), "the prefix alone is no code");
    }

    @Test
    void otherNumbersAndCallsFromLinesAreLeftToTheNextRouter() {
        assertNull(route("1002", "1001"));
        assertNull(route("*72", "1001"));
        assertNull(route("*80", "1001"), "*8 is the whole code, not a prefix");
        assertNull(codes.route(new RouteRequest("*8", "1001", "line:carrier"), groups, EXTENSIONS::contains));
    }

    @Test
    void emptyCodesAreOffAndBadOnesAreRefusedNamingTheKey() {
        PickupCodes off = new PickupCodes("", " ");
        assertNull(off.route(new RouteRequest("*8", "1001", "default"), groups, EXTENSIONS::contains));
        assertNull(off.route(new RouteRequest("**1002", "1001", "default"), groups, EXTENSIONS::contains));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PickupCodes("*8a", "**")).getMessage().contains("pickup.group.code"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PickupCodes("*8", "9")).getMessage().contains("pickup.directed.prefix"));
    }
}
