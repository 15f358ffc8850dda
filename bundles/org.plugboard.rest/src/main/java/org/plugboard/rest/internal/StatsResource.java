package org.plugboard.rest.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrFilter;

/**
 * {@code /api/stats/calls}: calls per minute over the last {@code minutes} (the current minute included) from the
 * stored CDRs ({@link CallStats}). At most {@link CdrFilter#MAX_LIMIT} records are read: beyond, {@code truncated}
 * says the oldest minutes are short.
 */
public final class StatsResource {
    static final String CALLS = "/api/stats/calls";
    static final int MAX_MINUTES = 1440;

    private final Services services;
    private final Clock clock;

    public StatsResource(Services services, Clock clock) {
        this.services = services;
        this.clock = clock;
    }

    public void register(Router router) {
        router.add(new Route("GET", CALLS, "Calls per minute: outcomes and set-up latency", this::calls));
    }

    Reply calls(Exchange x) {
        int minutes = x.intQuery("minutes", 60, 1, MAX_MINUTES);
        Instant first = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(minutes - 1L, ChronoUnit.MINUTES);
        List<CallDetailRecord> records;
        try {
            records = services.cdrs().find(new CdrFilter(first, null, null, null, null, 0, CdrFilter.MAX_LIMIT));
        } catch (IllegalStateException e) {
            throw new ApiException(Problem.of(503, "service-unavailable", "Call records unavailable", e.getMessage())
                    .fix("check the database (etc/org.ops4j.datasource-plugboard.cfg) and try again"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("minutes", minutes);
        body.put("truncated", records.size() >= CdrFilter.MAX_LIMIT);
        body.put("items", CallStats.perMinute(records, first, minutes));
        return Reply.ok(body);
    }
}
