package org.plugboard.trunks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
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
    void outboundTakesTheLongestTrunkPrefixStripsItAndPresentsTheCallerId() {
        assertEquals(new Route.ToSip("sip:5550001@127.0.0.5:16210", PEER, "trunk:a", "+4930123456"),
                TrunkRoutes.route(new RouteRequest("05550001", "1001", "default"), trunks, List.of()));
        assertEquals(new Route.ToSip("sip:4930555@127.0.0.5:16210", PEER, "trunk:b", null),
                TrunkRoutes.route(new RouteRequest("004930555", "1001", "default"), trunks, List.of()));
        assertNull(TrunkRoutes.route(new RouteRequest("1002", "1001", "default"), trunks, List.of()));
        assertNull(TrunkRoutes.route(new RouteRequest("0", "1001", "default"), trunks, List.of()), "a prefix alone is no number");
        assertEquals(484, ((Route.Reject) TrunkRoutes.route(new RouteRequest("0abc", "1001", "default"), trunks, List.of())).status());
        Route.Reject unresolved = (Route.Reject) TrunkRoutes.route(new RouteRequest("7123", "1001", "default"), trunks, List.of());
        assertEquals(503, unresolved.status());
        assertEquals(CallTag.CALLEE_UNREACHABLE, unresolved.tag());
    }

    @Test
    void aLongerLinePrefixLeavesTheCallToTheLineRouterAndATieStaysWithTheTrunk() {
        assertNull(TrunkRoutes.route(new RouteRequest("0045550001", "1001", "default"), trunks, List.of("004")));
        assertEquals("trunk:b", ((Route.ToSip) TrunkRoutes.route(new RouteRequest("0045550001", "1001", "default"), trunks,
                List.of("00", "9"))).profile());
        assertEquals("trunk:a", ((Route.ToSip) TrunkRoutes.route(new RouteRequest("05550001", "1001", "default"), trunks,
                List.of("9", "004"))).profile(), "a line prefix that does not match changes nothing");
    }

    @Test
    void inboundGoesByDidThenCatchAllElse404AndNeverToAnExtensionByItsNumber() {
        assertEquals(new Route.ToExtension("1002"), TrunkRoutes.route(new RouteRequest("+4930123456", "+4930999", "trunk:a"), trunks, List.of()));
        assertEquals(new Route.ToExtension("1001"), TrunkRoutes.route(new RouteRequest("1003", "x", "trunk:b"), trunks, List.of()));
        Route.Reject unknown = (Route.Reject) TrunkRoutes.route(new RouteRequest("1003", "x", "trunk:a"), trunks, List.of());
        assertEquals(404, unknown.status());
        assertEquals(CallTag.ROUTING_FAILURE, unknown.tag());
        assertEquals(404, ((Route.Reject) TrunkRoutes.route(new RouteRequest("1", "x", "trunk:gone"), trunks, List.of())).status());
        assertNull(TrunkRoutes.route(new RouteRequest("05550001", "x", "line:carrier"), trunks, List.of()), "lines are not ours");
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
