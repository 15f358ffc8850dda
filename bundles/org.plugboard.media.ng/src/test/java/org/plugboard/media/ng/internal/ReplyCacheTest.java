package org.plugboard.media.ng.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.plugboard.media.ng.internal.ReplyCache.State;

class ReplyCacheTest {
    static final long SECOND = 1_000_000_000L;

    @Test
    void aCommandIsNewThenInProgressThenAnsweredFromTheCacheUntilItExpires() {
        ReplyCache cache = new ReplyCache(30 * SECOND, 100);
        assertEquals(State.NEW, cache.begin("a", 0).state());
        assertEquals(State.IN_PROGRESS, cache.begin("a", SECOND).state());
        cache.finish("a", new byte[] {1}, 2 * SECOND);
        ReplyCache.Lookup hit = cache.begin("a", 31 * SECOND);
        assertEquals(State.DONE, hit.state());
        assertArrayEquals(new byte[] {1}, hit.reply());
        assertEquals(State.NEW, cache.begin("a", 33 * SECOND).state(), "expired 30 s after the reply");
    }

    @Test
    void aRefusedCommandIsForgottenAndTheCacheStaysBounded() {
        ReplyCache cache = new ReplyCache(30 * SECOND, 3);
        cache.begin("a", 0);
        cache.abandon("a");
        assertEquals(State.NEW, cache.begin("a", 0).state());
        cache.begin("b", 0);
        cache.begin("c", 0);
        cache.begin("d", 0);
        assertEquals(3, cache.size());
        assertEquals(State.NEW, cache.begin("a", 0).state(), "the oldest went first");
    }
}
