package org.plugboard.rest.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrFilter;

/**
 * {@code /api/cdrs}: stored call records by time range, extension, tag and disposition, newest first, paged; and the
 * same selection as CSV. The search blocks on the database, on the HTTP thread (never on a call's strand).
 */
public final class CdrResource {
    static final String BASE = "/api/cdrs";
    static final String CSV = "/api/cdrs.csv";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_PAGE = 1000;

    private final Services services;

    public CdrResource(Services services) {
        this.services = services;
    }

    public void register(Router router) {
        router.add(new Route("GET", BASE, "Search call records", this::search));
        router.add(new Route("GET", CSV, "Export call records as CSV", this::csv));
    }

    Reply search(Exchange x) {
        int offset = x.intQuery("offset", 0, 0, CdrFilter.MAX_LIMIT * 100);
        int limit = x.intQuery("limit", DEFAULT_LIMIT, 1, MAX_PAGE);
        // one record more than asked tells whether a next page exists
        List<CallDetailRecord> found = find(x, offset, limit + 1);
        return Reply.ok(Paging.ofProbe(found.stream().map(Views::cdr).toList(), offset, limit));
    }

    Reply csv(Exchange x) {
        int offset = x.intQuery("offset", 0, 0, CdrFilter.MAX_LIMIT * 100);
        int limit = x.intQuery("limit", CdrFilter.MAX_LIMIT, 1, CdrFilter.MAX_LIMIT);
        String text = CdrCsv.write(find(x, offset, limit));
        return Reply.text("text/csv; charset=utf-8", text,
                Map.of("Content-Disposition", "attachment; filename=\"cdrs.csv\""));
    }

    private List<CallDetailRecord> find(Exchange x, int offset, int limit) {
        Instant since = x.timeQuery("since");
        Instant until = x.timeQuery("until");
        if (since != null && until != null && !since.isBefore(until)) {
            throw new ApiException(Problem.invalid("until", "until " + until + " is not after since " + since,
                    "give an until later than since"));
        }
        CdrFilter filter = new CdrFilter(since, until, x.query("extension"), x.enumQuery("tag", CallTag.class),
                x.enumQuery("disposition", Disposition.class), offset, limit);
        try {
            return services.cdrs().find(filter);
        } catch (IllegalStateException e) {
            throw new ApiException(Problem.of(503, "service-unavailable", "Call records unavailable", e.getMessage())
                    .fix("check the database (etc/org.ops4j.datasource-plugboard.cfg) and try again"));
        }
    }
}
