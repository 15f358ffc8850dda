package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.routing.CallAdmission;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;

class AdmissionsTest {
    private static final RouteRequest REQUEST = new RouteRequest("1002", "+4930", "trunk:t");
    private static final Route ROUTE = new Route.ToExtension("1002");
    private final List<String> heard = new ArrayList<>();

    private CallAdmission service(String name, CallAdmission.Refusal answer) {
        return new CallAdmission() {
            @Override
            public Refusal admit(String callId, RouteRequest request, Route route) {
                heard.add(name + " admit " + callId);
                return answer;
            }

            @Override
            public void released(String callId) {
                heard.add(name + " released " + callId);
            }
        };
    }

    @Test
    void firstRefusalWinsAndEveryServiceHearsTheRelease() {
        Admissions a = new Admissions();
        CallAdmission.Refusal busy = new CallAdmission.Refusal(503, "Trunk Busy", 34, "full", CallTag.SYSTEM);
        a.services.add(service("x", null), java.util.Map.of());
        a.services.add(service("y", busy), java.util.Map.of());
        a.services.add(service("z", null), java.util.Map.of());
        assertEquals(busy, a.admit("c1", REQUEST, ROUTE));
        a.released("c1");
        assertEquals(List.of("x admit c1", "y admit c1", "x released c1", "y released c1", "z released c1"), heard);
    }

    @Test
    void aServiceThatThrowsAdmitsAndDoesNotStopTheOthers() {
        Admissions a = new Admissions();
        a.services.add(new CallAdmission() {
            @Override
            public Refusal admit(String callId, RouteRequest request, Route route) {
                throw new IllegalStateException("broken plugin");
            }

            @Override
            public void released(String callId) {
                throw new IllegalStateException("broken plugin");
            }
        }, java.util.Map.of());
        a.services.add(service("ok", null), java.util.Map.of());
        assertNull(a.admit("c2", REQUEST, ROUTE));
        a.released("c2");
        assertEquals(List.of("ok admit c2", "ok released c2"), heard);
    }
}
