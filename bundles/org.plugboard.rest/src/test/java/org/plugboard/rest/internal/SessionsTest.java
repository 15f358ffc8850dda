package org.plugboard.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class SessionsTest {
    final AtomicLong now = new AtomicLong(1_000_000);
    final Sessions sessions = new Sessions(60_000, 3, now::get);
    final Caller alice = new Caller("alice", Set.of("viewer"));

    @Test
    void aTokenIs128RandomBitsAndNamesItsCaller() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            String t = sessions.open(alice);
            assertEquals(16, Base64.getUrlDecoder().decode(t).length);
            tokens.add(t);
        }
        assertEquals(3, tokens.size());
        tokens.forEach(t -> assertEquals("alice", sessions.use(t).name()));
        assertNull(sessions.use("not-a-token"));
        assertNull(sessions.use(null));
    }

    @Test
    void aSessionEndsAfterItsIdleTimeAndEachUseRestartsIt() {
        String t = sessions.open(alice);
        now.addAndGet(59_000);
        assertEquals(alice, sessions.use(t));
        now.addAndGet(59_000);
        assertEquals(alice, sessions.use(t), "the last use restarted the idle time");
        now.addAndGet(60_000);
        assertNull(sessions.use(t));
        assertEquals(0, sessions.size(), "an ended session is forgotten");
    }

    @Test
    void theNumberOfSessionsIsBoundedAndTheLeastRecentlyUsedGoes() {
        String a = sessions.open(alice);
        now.incrementAndGet();
        String b = sessions.open(alice);
        now.incrementAndGet();
        String c = sessions.open(alice);
        now.incrementAndGet();
        sessions.use(a);
        now.incrementAndGet();
        String d = sessions.open(alice);
        assertEquals(3, sessions.size());
        assertNull(sessions.use(b), "b was used least recently");
        assertTrue(sessions.use(a) != null && sessions.use(c) != null && sessions.use(d) != null);
    }

    @Test
    void logoutEndsASession() {
        String t = sessions.open(alice);
        sessions.close(t);
        assertNull(sessions.use(t));
    }

    @Test
    void theCookieIsReadAmongOthersAndSetStrict() {
        assertEquals("abc", Sessions.token("theme=dark; PBXSESSION=abc; other=1"));
        assertNull(Sessions.token("XPBXSESSION=abc"));
        assertNull(Sessions.token("PBXSESSION="));
        assertNull(Sessions.token(null));
        assertEquals("PBXSESSION=abc; Path=/api; HttpOnly; SameSite=Strict", Sessions.setCookie("abc", false));
        assertEquals("PBXSESSION=; Path=/api; HttpOnly; SameSite=Strict; Max-Age=0; Secure", Sessions.setCookie(null, true));
        assertNotEquals(Sessions.setCookie("a", false), Sessions.setCookie("b", false));
    }
}
