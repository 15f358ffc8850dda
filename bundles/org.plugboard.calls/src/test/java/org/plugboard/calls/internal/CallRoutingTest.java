package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.plugboard.api.routing.Router;

/** Routers by rank, the extension router last, and a translated internal number routed once more. */
class CallRoutingTest {
    private final List<RouteRequest> asked = new ArrayList<>();
    /** A dial plan: DID 0301234 (from line 'carrier') is 600, a ring group's number; DID 0305678 is extension 1002. */
    private final Router dialPlan = r -> {
        asked.add(r);
        return switch (r.dialled()) {
            case "0301234" -> new Route.ToExtension("600");
            case "0305678" -> new Route.ToExtension("1002");
            default -> null;
        };
    };
    private final Router groups = r -> r.dialled().equals("600") ? new Route.Hunt(List.of("1002", "1003"), 10) : null;
    private final Router extensions = r -> r.dialled().startsWith("10") ? new Route.ToExtension(r.dialled())
            : new Route.Reject(404, "Not Found", CallTag.ROUTING_FAILURE);
    private final CallRouting routing = new CallRouting(() -> List.of(dialPlan, groups), extensions);

    @Test
    void aDidToARingGroupRingsTheGroup() {
        assertEquals(new Route.Hunt(List.of("1002", "1003"), 10), routing.route(new RouteRequest("0301234", "0612345678", "carrier")));
        assertEquals(new RouteRequest("600", "0612345678", "default"), asked.get(1), "the group number is routed as a phone dials it");
    }

    @Test
    void aDidToAnExtensionStaysThatExtension() {
        assertEquals(new Route.ToExtension("1002"), routing.route(new RouteRequest("0305678", "0612345678", "carrier")));
    }

    @Test
    void aTranslatedNumberThatRoutesNowhereKeepsTheFirstAnswer() {
        CallRouting plain = new CallRouting(() -> List.of(r -> r.dialled().equals("0309999") ? new Route.ToExtension("777") : null),
                extensions);
        assertEquals(new Route.ToExtension("777"), plain.route(new RouteRequest("0309999", "x", "carrier")));
    }

    @Test
    void nothingKnowsTheNumber() {
        assertEquals(404, ((Route.Reject) routing.route(new RouteRequest("999", "1001", "default"))).status());
    }
}
