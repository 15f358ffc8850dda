package org.plugboard.trunks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.plugboard.api.routing.DialPlanEntry;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.plugboard.api.sip.NextHop;

class TrunkRoutesTest {
    private static final NextHop PEER = new NextHop("127.0.0.5", 16210, "UDP");

    private static TrunkRoutes.Trunk trunk(String name, String prefix, String callerId, String dids, NextHop hop) {
        TrunkSettings s = TrunkSettings.from(new TrunkSettingsTest.ConfigBuilder(name).prefix(prefix).callerId(callerId).did(dids).build());
        return new TrunkRoutes.Trunk(s, hop);
    }

    private final List<TrunkRoutes.Trunk> trunks = List.of(
            trunk("a", "0", "+4930123456", "+4930123456=1002,0301234=1003", PEER),
            trunk("b", "00", "", "*=1001", PEER),
            trunk("c", "7", "", "", null));

    @Test
    void aTrunkWithAPrefixTakesPhonesCallsWithItsCallerIdOrNone() {
        List<DialPlanEntry> entries = TrunkRoutes.entries(trunks);
        assertTrue(entries.contains(new DialPlanEntry("default", "0", new DialPlanEntry.ToSip("127.0.0.5:16210", PEER,
                "trunk:a", "+4930123456", "Trunk a (127.0.0.5)"))));
        assertTrue(entries.contains(new DialPlanEntry("default", "00", new DialPlanEntry.ToSip("127.0.0.5:16210", PEER,
                "trunk:b", null, "Trunk b (127.0.0.5)"))));
        DialPlanEntry unresolved = entries.stream().filter(e -> e.key().equals("7")).findFirst().orElseThrow();
        assertNull(((DialPlanEntry.ToSip) unresolved.target()).hop(), "the router answers 503 for it");
    }

    @Test
    void eachDidAndTheCatchAllRingTheirExtensionForCallsFromTheirTrunkOnly() {
        List<DialPlanEntry> entries = TrunkRoutes.entries(trunks);
        assertTrue(entries.contains(new DialPlanEntry("trunk:a", "+4930123456", new DialPlanEntry.ToExtension("1002"))));
        assertTrue(entries.contains(new DialPlanEntry("trunk:a", "0301234", new DialPlanEntry.ToExtension("1003"))));
        assertTrue(entries.contains(new DialPlanEntry("trunk:b", DialPlanEntry.ANY, new DialPlanEntry.ToExtension("1001"))));
        assertEquals(6, entries.size());
        assertEquals(entries, TrunkRoutes.entries(trunks), "the same trunks give equal entries (no re-index)");
    }

    @Test
    void admissionSlotsAreTheSourceTrunkAndEveryTrunkTheRouteGoesTo() {
        Route both = new Route.Parallel(List.of(new Route.ToSip("sip:1@x", PEER, "trunk:b", null), new Route.ToExtension("1002"),
                new Route.ToSip("sip:1@y", PEER, "line:l", null)));
        assertEquals(List.of(new TrunkLimits.Slot("a", TrunkLimits.Direction.INBOUND), new TrunkLimits.Slot("b", TrunkLimits.Direction.OUTBOUND)),
                TrunkAdmission.slots(new RouteRequest("1", "x", "trunk:a"), both));
        assertEquals(List.of(), TrunkAdmission.slots(new RouteRequest("1002", "1001", "default"), new Route.ToExtension("1002")));
    }

    @Test
    void peersAreRecognisedByAddressAndPortWhenOneIsGiven() {
        TrunkSettings s = TrunkSettings.from(new TrunkSettingsTest.ConfigBuilder("p").peers("127.0.0.4", "127.0.0.6:5070").build());
        ResolvedTrunk r = ResolvedTrunk.resolve(s, ResolvedTrunk::literalOnly);
        assertEquals(true, r.isSource(new InetSocketAddress("127.0.0.4", 40000)));
        assertEquals(true, r.isSource(new InetSocketAddress("127.0.0.5", 1)), "the address's host, any port");
        assertEquals(true, r.isSource(new InetSocketAddress("127.0.0.6", 5070)));
        assertEquals(false, r.isSource(new InetSocketAddress("127.0.0.6", 5071)));
        assertEquals(false, r.isSource(new InetSocketAddress("127.0.0.1", 5060)));
        assertEquals(PEER, r.hop());
    }
}
