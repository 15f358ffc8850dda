package org.plugboard.dialplan.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.routing.DialPlanContributor;
import org.plugboard.api.routing.DialPlanEntry;
import org.plugboard.api.routing.DialPlanEntry.ToExtension;
import org.plugboard.api.routing.DialPlanEntry.ToSip;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.plugboard.api.sip.NextHop;

/**
 * The merged dial plan with entries shaped as lines and trunks contribute them: longest prefix across both, prefix
 * stripped, caller id, 484/503, DIDs then the catch-all then 404 for the profiles a contributor answers for.
 */
class DialPlanTest {
    private static final NextHop CARRIER = new NextHop("127.0.0.1", 16101, "UDP");
    private static final NextHop SBC = new NextHop("127.0.4.9", 5070, "UDP");
    private static final NextHop PEER = new NextHop("127.0.0.5", 16210, "UDP");

    private static DialPlanEntry out(String prefix, String domain, NextHop hop, String profile, String callerId) {
        return new DialPlanEntry("default", prefix, new ToSip(domain, hop, profile, callerId, "Line " + profile));
    }

    private static DialPlanEntry did(String profile, String number, String extension) {
        return new DialPlanEntry(profile, number, new ToExtension(extension));
    }

    private final DialPlan.Contribution lines = new DialPlan.Contribution(0, List.of("line:"), List.of(
            out("9", "carrier.test:16101", CARRIER, "line:a", "0301234"), did("line:a", "0123456", "1002"),
            out("90", "ims.test", SBC, "line:b", "acct-b"), did("line:b", "0123456", "1003"), did("line:b", "*", "1001"),
            out("004", "carrier.test:16101", CARRIER, "line:d", "acct-d"), out("8", "slow.test", null, "line:e", "e")));
    private final DialPlan.Contribution trunks = new DialPlan.Contribution(10, List.of("trunk:"), List.of(
            out("0", "127.0.0.5:16210", PEER, "trunk:a", "+4930123456"), did("trunk:a", "+4930123456", "1002"),
            out("00", "127.0.0.5:16210", PEER, "trunk:b", null), did("trunk:b", "*", "1001"),
            out("90", "127.0.0.5:16210", PEER, "trunk:t90", null)));
    private final DialPlan plan = DialPlan.of(List.of(lines, trunks));

    private Route route(String dialled, String from) {
        return plan.route(new RouteRequest(dialled, "1001", from));
    }

    @Test
    void outboundTakesTheLongestPrefixAcrossLinesAndTrunksStripsItAndPresentsTheCallerId() {
        assertEquals(new Route.ToSip("sip:5550001@carrier.test:16101", CARRIER, "line:a", "0301234"), route("95550001", "default"));
        assertEquals(new Route.ToSip("sip:+4930123@carrier.test:16101", CARRIER, "line:a", "0301234"), route("9+4930123", "default"));
        assertEquals(new Route.ToSip("sip:5550001@127.0.0.5:16210", PEER, "trunk:a", "+4930123456"), route("05550001", "default"));
        assertEquals(new Route.ToSip("sip:5550002@127.0.0.5:16210", PEER, "trunk:b", null), route("005550002", "default"));
        assertEquals("line:d", ((Route.ToSip) route("0045550001", "default")).profile(), "a longer line prefix beats the trunk's");
        assertEquals("trunk:b", ((Route.ToSip) route("0055550001", "default")).profile());
    }

    @Test
    void onEqualPrefixesTheHigherRankingContributorWins() {
        assertEquals("trunk:t90", ((Route.ToSip) route("905550001", "default")).profile());
        DialPlan linesFirst = DialPlan.of(List.of(new DialPlan.Contribution(20, lines.inboundPrefixes(), lines.entries()), trunks));
        assertEquals("line:b", ((Route.ToSip) linesFirst.route(new RouteRequest("905550001", "1001", "default"))).profile());
    }

    @Test
    void numbersWithoutAPrefixOrOnlyThePrefixAreLeftToOtherRouters() {
        assertNull(route("1002", "default"));
        assertNull(route("9", "default"));
        assertNull(route("95550001", "phones:x"), "a profile nobody answers for");
    }

    @Test
    void outboundRefusesWhatIsNoNumberAndATargetNotYetResolved() {
        Route.Reject notNumber = (Route.Reject) route("9alice", "default");
        assertEquals(484, notNumber.status());
        Route.Reject unresolved = (Route.Reject) route("85550001", "default");
        assertEquals(503, unresolved.status());
        assertEquals(CallTag.CALLEE_UNREACHABLE, unresolved.tag());
        assertEquals("Line line:e is not reachable (its address is not resolved)", unresolved.reason());
    }

    @Test
    void inboundGoesByDidThenTheCatchAllElse404AndNeverToAnExtensionByItsNumber() {
        assertEquals(new Route.ToExtension("1002"), route("0123456", "line:a"));
        assertEquals(new Route.ToExtension("1003"), route("0123456", "line:b"));
        assertEquals(new Route.ToExtension("1001"), route("0999", "line:b"));
        assertEquals(new Route.ToExtension("1002"), route("+4930123456", "trunk:a"));
        assertEquals(new Route.ToExtension("1001"), route("1003", "trunk:b"));
        Route.Reject r = (Route.Reject) route("0999", "line:a");
        assertEquals(404, r.status());
        assertEquals(CallTag.ROUTING_FAILURE, r.tag());
        assertEquals(404, ((Route.Reject) route("1002", "line:a")).status(), "an extension number from outside is no DID");
        assertEquals(404, ((Route.Reject) route("0123456", "line:gone")).status());
        assertEquals(404, ((Route.Reject) route("1", "trunk:gone")).status());
        assertEquals(404, ((Route.Reject) route("95550001", "line:a")).status(), "a line's call never goes out by prefix");
    }

    @Test
    void theRouterRebuildsThePlanOnlyWhenTheEntriesChange() {
        List<DialPlanEntry> entries = new ArrayList<>(List.of(out("9", "carrier.test", null, "line:a", "x")));
        DialPlanContributor contributor = () -> List.copyOf(entries);
        DialPlanRouter router = new DialPlanRouter();
        assertNull(router.route(new RouteRequest("95550001", "1001", "default")));
        router.addContributor(contributor, Map.of(Constants.SERVICE_ID, 1L, DialPlanContributor.INBOUND_PROFILES, "line:"));
        assertEquals(503, ((Route.Reject) router.route(new RouteRequest("95550001", "1001", "default"))).status());
        DialPlan first = router.current();
        assertSame(first, router.current(), "equal entries: the same plan");
        entries.set(0, out("9", "carrier.test", CARRIER, "line:a", "x")); // the line's address got resolved
        assertEquals(new Route.ToSip("sip:5550001@carrier.test", CARRIER, "line:a", "x"),
                router.route(new RouteRequest("95550001", "1001", "default")));
        router.removeContributor(contributor);
        assertNull(router.route(new RouteRequest("95550001", "1001", "default")));
        assertNull(router.route(new RouteRequest("0123", "1001", "line:a")), "nobody answers for lines any more");
    }

    @Test
    void aBrokenContributorLeavesTheOthersRoutes() {
        DialPlanRouter router = new DialPlanRouter();
        router.addContributor(() -> { throw new IllegalStateException("broken"); }, Map.of(Constants.SERVICE_ID, 1L));
        router.addContributor(() -> List.of(out("0", "peer", PEER, "trunk:a", null)), Map.of(Constants.SERVICE_ID, 2L));
        assertEquals("trunk:a", ((Route.ToSip) router.route(new RouteRequest("0123", "1001", "default"))).profile());
    }
}
