package org.plugboard.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.metrics.Health;

class HealthReportTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void stop() {
        never.countDown();
        pool.shutdownNow();
    }

    @Test
    void allUpWhenEveryRequiredCheckIsPresentAndUp() {
        List<HealthReport.Entry> r = HealthReport.run(List.of(new HealthReport.Named("sip", () -> Health.up("listening")),
                new HealthReport.Named("media", () -> Health.up("local"))), Set.of("sip", "media"), 1000, pool);
        assertTrue(HealthReport.allOk(r));
        assertEquals(List.of(new HealthReport.Entry("media", true, "local"), new HealthReport.Entry("sip", true, "listening")), r);
    }

    @Test
    void aMissingRequiredCheckIsDownWithItsReason() {
        List<HealthReport.Entry> r = HealthReport.run(List.of(new HealthReport.Named("media", () -> Health.up("local"))),
                Set.of("sip", "media"), 1000, pool);
        assertFalse(HealthReport.allOk(r));
        HealthReport.Entry sip = r.stream().filter(e -> e.name().equals("sip")).findFirst().orElseThrow();
        assertFalse(sip.ok());
        assertTrue(sip.reason().contains("no health check 'sip' is registered"), sip.reason());
    }

    @Test
    void aFailingHangingOrThrowingCheckIsDown() {
        List<HealthReport.Entry> r = HealthReport.run(List.of(
                new HealthReport.Named("db", () -> Health.down("cannot connect")),
                new HealthReport.Named("slow", () -> {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Health.up("late");
                }),
                new HealthReport.Named("boom", () -> {
                    throw new IllegalStateException("broken");
                })), Set.of(), 200, pool);
        assertEquals(List.of(new HealthReport.Entry("boom", false, "the check failed: java.lang.IllegalStateException: broken"),
                new HealthReport.Entry("db", false, "cannot connect"),
                new HealthReport.Entry("slow", false, "no answer within 200 ms")), r);
    }

    @Test
    void twoChecksOfOneNameBothCount() {
        List<HealthReport.Entry> r = HealthReport.run(List.of(new HealthReport.Named("media", () -> Health.up("a")),
                new HealthReport.Named("media", () -> Health.down("b"))), Set.of("media"), 1000, pool);
        assertEquals(2, r.size());
        assertFalse(HealthReport.allOk(r));
    }
}
