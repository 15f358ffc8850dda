package org.plugboard.groups.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.plugboard.api.routing.Route;

/** The route each strategy hands out, and round-robin's order under sequential and concurrent calls. */
class GroupRoutingTest {
    private final Rotation rotation = new Rotation(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));
    private final GroupRouting routing = new GroupRouting(rotation);

    private static RingGroup group(Strategy s, String... members) {
        return new RingGroup("600", "Sales", s, 25, 8, null, List.of(members));
    }

    @Test
    void simultaneousRingsEveryMemberInParallel() {
        Route r = routing.route(group(Strategy.SIMULTANEOUS, "1002", "1003", "1004"));
        assertEquals(new Route.Parallel(List.of(new Route.ToExtension("1002"), new Route.ToExtension("1003"),
                new Route.ToExtension("1004"))), r);
    }

    @Test
    void sequentialHuntsInListedOrderEveryTime() {
        RingGroup g = group(Strategy.SEQUENTIAL, "1003", "1002");
        for (int i = 0; i < 3; i++) {
            assertEquals(new Route.Hunt(List.of("1003", "1002"), 8), routing.route(g));
        }
    }

    @Test
    void roundRobinStartsWithTheMemberOfferedLongestAgo() {
        RingGroup g = group(Strategy.ROUND_ROBIN, "1002", "1003", "1004");
        assertEquals(List.of("1002", "1003", "1004"), routing.nextOrder(g)); // nobody offered yet: listed order
        assertEquals(new Route.Hunt(List.of("1002", "1003", "1004"), 8), routing.route(g));
        assertEquals(new Route.Hunt(List.of("1003", "1004", "1002"), 8), routing.route(g));
        assertEquals(new Route.Hunt(List.of("1004", "1002", "1003"), 8), routing.route(g));
        assertEquals(List.of("1002", "1003", "1004"), routing.nextOrder(g)); // peeking marks nobody
        assertEquals(new Route.Hunt(List.of("1002", "1003", "1004"), 8), routing.route(g));
        assertEquals(Instant.parse("2026-12-01T10:00:00Z"), rotation.offers("600").get("1002").at());
    }

    @Test
    void aNewMemberIsOfferedFirstAndALeaverIsForgotten() {
        RingGroup g = group(Strategy.ROUND_ROBIN, "1002", "1003");
        routing.route(g); // 1002
        routing.route(g); // 1003
        RingGroup changed = g.withMembers(List.of("1003", "1002", "1005"));
        assertEquals(new Route.Hunt(List.of("1005", "1002", "1003"), 8), routing.route(changed));
        RingGroup smaller = g.withMembers(List.of("1003", "1005"));
        assertEquals(new Route.Hunt(List.of("1003", "1005"), 8), routing.route(smaller));
        assertEquals(Map.of("1003", rotation.offers("600").get("1003"), "1005", rotation.offers("600").get("1005")),
                rotation.offers("600"));
        assertNull(rotation.offers("600").get("1002"));
    }

    @Test
    void forgettingAGroupStartsItAgainInListedOrder() {
        RingGroup g = group(Strategy.ROUND_ROBIN, "1002", "1003");
        routing.route(g);
        rotation.forget("600");
        assertEquals(new Route.Hunt(List.of("1002", "1003"), 8), routing.route(g));
    }

    @Test
    void aGroupWithoutMembersGetsAnEmptyParallelRoute() {
        for (Strategy s : Strategy.values()) {
            assertEquals(new Route.Parallel(List.of()), routing.route(group(s)));
        }
    }

    /**
     * Many strands route calls to one round-robin group at once: every call starts at some member, and since each
     * hand-out marks its first member atomically, the starts are spread exactly evenly (each member starts
     * calls/members times) and every order handed out is a rotation of the members.
     */
    @Test
    void concurrentCallsAdvanceTheOrderWithoutStartingTwiceAtTheSameMember() throws Exception {
        List<String> members = List.of("1002", "1003", "1004", "1005");
        RingGroup g = group(Strategy.ROUND_ROBIN, members.toArray(new String[0]));
        int threads = 8;
        int callsEach = 2000;
        Map<String, AtomicInteger> starts = new ConcurrentHashMap<>();
        List<String> bad = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < callsEach; i++) {
                    List<String> order = ((Route.Hunt) routing.route(g)).extensions();
                    starts.computeIfAbsent(order.get(0), k -> new AtomicInteger()).incrementAndGet();
                    if (!isRotation(order, members)) {
                        bad.add(order.toString());
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertTrue(bad.isEmpty(), "orders that are no rotation of the members: " + bad.subList(0, Math.min(5, bad.size())));
        int each = threads * callsEach / members.size();
        for (String m : members) {
            assertEquals(each, starts.get(m).get(), "calls started at " + m + " (" + starts + ")");
        }
    }

    private static boolean isRotation(List<String> order, List<String> members) {
        int k = members.indexOf(order.get(0));
        for (int i = 0; i < members.size(); i++) {
            if (!order.get(i).equals(members.get((k + i) % members.size()))) {
                return false;
            }
        }
        return true;
    }
}
