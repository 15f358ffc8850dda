package org.plugboard.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.Test;

class GateTest {
    final Gate gate = new Gate((u, p) -> "alice".equals(u) && "pa:ss".equals(p) ? new Caller(u, Set.of("viewer")) : null);

    static String basic(String raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static String detail(Runnable r) {
        ApiException e = assertThrows(ApiException.class, r::run);
        assertEquals(401, e.problem().status());
        return e.problem().detail();
    }

    @Test
    void aPasswordMayHoldAColonAndTheSchemeIsCaseInsensitive() {
        assertEquals("alice", gate.authenticate(basic("alice:pa:ss"), "x").name());
        assertEquals("alice", gate.authenticate("basic " + basic("alice:pa:ss").substring(6), "x").name());
    }

    @Test
    void everyBadHeaderIsA401SayingWhy() {
        assertEquals("no HTTP Basic credentials", detail(() -> gate.authenticate(null, "x")));
        assertEquals("no HTTP Basic credentials", detail(() -> gate.authenticate("Bearer abc", "x")));
        assertEquals("the Basic credentials are not Base64", detail(() -> gate.authenticate("Basic %%%", "x")));
        assertEquals("the Basic credentials are not user:password", detail(() -> gate.authenticate(basic("alice"), "x")));
        assertEquals("wrong user name or password", detail(() -> gate.authenticate(basic("alice:wrong"), "x")));
        assertEquals(1, gate.failures(), "only wrong passwords count as failed logins");
    }

    @Test
    void viewersReadAdminsChange() {
        Caller viewer = new Caller("v", Set.of("viewer"));
        Caller admin = new Caller("a", Set.of("admin"));
        Gate.authorize(viewer, false);
        Gate.authorize(admin, false);
        Gate.authorize(admin, true);
        assertEquals(403, assertThrows(ApiException.class, () -> Gate.authorize(viewer, true)).problem().status());
        assertEquals(403, assertThrows(ApiException.class, () -> Gate.authorize(new Caller("n", Set.of("manager")), false))
                .problem().status());
    }
}
