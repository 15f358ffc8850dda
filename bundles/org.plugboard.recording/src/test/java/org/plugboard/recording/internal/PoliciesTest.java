package org.plugboard.recording.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PoliciesTest {
    private static Policies of(Mode siteDefault, Policy... p) {
        return Policies.of(List.of(p), siteDefault);
    }

    private static final CallParties INTERNAL = new CallParties("1001", "1002", "1002", null);

    @Test
    void theStrongestExtensionPolicyOfCallerAndAnswererWins() {
        Policies p = of(Mode.NEVER, new Policy(Scope.EXTENSION, "1001", Mode.NEVER), new Policy(Scope.EXTENSION, "1002", Mode.ALWAYS));
        assertEquals(new Resolution(Mode.ALWAYS, "extension 1002"), p.resolve(INTERNAL));
        p = of(Mode.NEVER, new Policy(Scope.EXTENSION, "1001", Mode.ON_DEMAND), new Policy(Scope.EXTENSION, "1002", Mode.NEVER));
        assertEquals(new Resolution(Mode.ON_DEMAND, "extension 1001"), p.resolve(INTERNAL));
        p = of(Mode.ALWAYS, new Policy(Scope.EXTENSION, "1002", Mode.NEVER));
        assertEquals(new Resolution(Mode.NEVER, "extension 1002"), p.resolve(INTERNAL), "an extension's never beats the site");
    }

    @Test
    void withoutExtensionPoliciesTheDialledGroupDecides() {
        Policies p = of(Mode.NEVER, new Policy(Scope.GROUP, "600", Mode.ALWAYS), new Policy(Scope.TRUNK, "sbc", Mode.NEVER));
        assertEquals(new Resolution(Mode.ALWAYS, "group 600"), p.resolve(new CallParties("1001", "1003", "600", "sbc")));
        assertEquals(new Resolution(Mode.NEVER, "trunk sbc"), p.resolve(new CallParties("1001", "1003", "1003", "sbc")));
    }

    @Test
    void thenTheLineThenTheTrunkThenTheSite() {
        Policies p = of(Mode.ON_DEMAND, new Policy(Scope.LINE, "c1", Mode.ALWAYS), new Policy(Scope.TRUNK, "c1", Mode.NEVER));
        assertEquals(new Resolution(Mode.ALWAYS, "line c1"), p.resolve(new CallParties("0301234", "1002", "1002", "c1")));
        p = of(Mode.ON_DEMAND, new Policy(Scope.TRUNK, "c1", Mode.NEVER));
        assertEquals(new Resolution(Mode.NEVER, "trunk c1"), p.resolve(new CallParties("1002", "0301234", "0301234", "c1")));
        p = of(Mode.ON_DEMAND, new Policy(Scope.SITE, null, Mode.ALWAYS));
        assertEquals(new Resolution(Mode.ALWAYS, "site policy"), p.resolve(INTERNAL));
        assertEquals(new Resolution(Mode.ON_DEMAND, "site default (configuration)"), of(Mode.ON_DEMAND).resolve(INTERNAL));
        assertEquals(Mode.NEVER, of(Mode.ON_DEMAND).withDefault(Mode.NEVER).resolve(INTERNAL).mode());
    }

    @Test
    void aPartyPressingTheCodeIsJudgedByItsOwnPolicyElseTheCallsFallback() {
        Policies p = of(Mode.ON_DEMAND, new Policy(Scope.EXTENSION, "1001", Mode.NEVER), new Policy(Scope.GROUP, "600", Mode.NEVER));
        CallParties viaGroup = new CallParties("1001", "1003", "600", null);
        assertEquals(Mode.NEVER, p.forParty("1001", viaGroup).mode());
        assertEquals(new Resolution(Mode.NEVER, "group 600"), p.forParty("1003", viaGroup));
        assertEquals(Mode.ON_DEMAND, p.forParty("1003", INTERNAL).mode());
    }

    @Test
    void changesMakeNewTablesAndLeaveTheOldOne() {
        Policies before = of(Mode.ON_DEMAND, new Policy(Scope.EXTENSION, "1001", Mode.ALWAYS));
        Policies after = before.with(new Policy(Scope.EXTENSION, "1001", Mode.NEVER)).without(Scope.EXTENSION, "1002");
        assertEquals(Mode.ALWAYS, before.get(Scope.EXTENSION, "1001"));
        assertEquals(Mode.NEVER, after.get(Scope.EXTENSION, "1001"));
        assertEquals(1, after.all().size());
        assertTrue(after.without(Scope.EXTENSION, "1001").all().isEmpty());
    }

    @Test
    void badWordsAreNamed() {
        assertEquals(Mode.ON_DEMAND, Mode.parse("On_Demand"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Mode.parse("sometimes")).getMessage()
                .contains("use always, never or on-demand"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Scope.parse("room")).getMessage()
                .contains("extension, group, line, trunk or site"));
        assertThrows(IllegalArgumentException.class, () -> new Policy(Scope.EXTENSION, "a b", Mode.NEVER));
        assertEquals(Policy.SITE_NAME, new Policy(Scope.SITE, "whatever", Mode.NEVER).name());
    }
}
