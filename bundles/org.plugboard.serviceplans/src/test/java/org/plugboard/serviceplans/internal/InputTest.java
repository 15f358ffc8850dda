package org.plugboard.serviceplans.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.plugboard.api.service.DetectionPoint;

/** What the console accepts as scopes, class names, points and service names, and what it says otherwise. */
class InputTest {
    @Test
    void scopesAreTheSiteNumbersOrClasses() {
        assertEquals("*", Scope.normalize(" * "));
        assertEquals("1002", Scope.normalize("1002"));
        assertEquals("+4930123", Scope.normalize("+4930123"));
        assertEquals("sales", Scope.normalize("Sales"));
        assertEquals(Scope.SITE, Scope.of("*"));
        assertEquals(Scope.NUMBER, Scope.of("1002"));
        assertEquals(Scope.SERVICE_CLASS, Scope.of("front-desk"));
    }

    @Test
    void aBadScopeNamesTheThreeShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scope.normalize("10 02"));
        assertTrue(e.getMessage().startsWith("'10 02' is no scope: give an extension or other number"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Scope.normalize("1sales"));
        assertThrows(IllegalArgumentException.class, () -> Scope.normalize(""));
    }

    @Test
    void aClassNameStartsWithALetter() {
        assertEquals("reception", Scope.className("Reception"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scope.className("1002"));
        assertTrue(e.getMessage().contains("'1002' is no service class name"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Scope.className("*"));
    }

    @Test
    void pointsAreDetectionPointsOrAll() {
        assertEquals(DetectionPoint.NO_ANSWER, ScopePlan.point("no_answer"));
        assertNull(ScopePlan.point("ALL"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScopePlan.point("RINGING"));
        assertTrue(e.getMessage().contains("'RINGING' is no detection point: use one of [ORIGINATING, ROUTED"), e.getMessage());
    }

    @Test
    void serviceNamesKeepTheirOrderAndNoneIsTheEmptyPlan() {
        assertEquals(List.of("dnd", "forwarding", "screening"), ServiceNames.parse(List.of("dnd", "forwarding,screening")));
        assertEquals(List.of(), ServiceNames.parse(List.of("none")));
    }

    @Test
    void badServiceListsAreRefusedWithTheFix() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceNames.parse(List.of("dnd", "dnd")))
                .getMessage().contains("service 'dnd' is named twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceNames.parse(List.of("none", "dnd")))
                .getMessage().contains("'none' is the plan that runs no service: give it alone"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceNames.parse(List.of("for warding?")))
                .getMessage().contains("is no service name"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceNames.parse(List.of()))
                .getMessage().startsWith("no service named"));
    }

    @Test
    void pointOptionsAfterTheArgumentsAreTakenOut() {
        TrailingPoints.Split s = TrailingPoints.of(List.of("dnd", "--point", "ROUTED", "forwarding", "-p", "busy", "--point=NO_ANSWER"));
        assertEquals(List.of("dnd", "forwarding"), s.rest());
        assertEquals(List.of("ROUTED", "busy", "NO_ANSWER"), s.points());
        assertEquals(new TrailingPoints.Split(List.of(), List.of()), TrailingPoints.of(null));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrailingPoints.of(List.of("dnd", "--point")))
                .getMessage().startsWith("--point needs a detection point after it"));
    }
}
