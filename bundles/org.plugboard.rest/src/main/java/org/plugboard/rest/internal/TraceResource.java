package org.plugboard.rest.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.LegInfo;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrSearch;
import org.plugboard.api.trace.SipTraceService;
import org.plugboard.api.trace.TracedMessage;

/**
 * {@code /api/trace}: the SIP trace switch and a call's traced messages in order, for the page's ladder diagram. A
 * B2BUA call has a Call-ID per leg: the messages of every leg are given together, found for a live call in the call
 * engine and for an ended one in its CDR (which names every leg); the page may name other legs with {@code also}.
 * The CDR lookup is a database query on the HTTP thread, never on a call's strand.
 */
public final class TraceResource {
    static final String BASE = "/api/trace";
    static final int MAX_ALSO = 8;

    /** PUT body. */
    public record TraceSwitch(Boolean enabled) {
    }

    private final Services services;

    public TraceResource(Services services) {
        this.services = services;
    }

    public void register(Router router) {
        router.add(new Route("GET", BASE, "Whether the SIP trace is on", x -> Reply.ok(state(services.trace()))));
        router.add(new Route("PUT", BASE, "Switch the SIP trace on or off", this::set));
        router.add(new Route("GET", BASE + "/calls/{callId}", "A call's traced SIP messages in order", this::call));
    }

    Reply set(Exchange x) throws IOException {
        SipTraceService trace = services.trace();
        boolean on = Exchange.required(x.body(TraceSwitch.class).enabled(), "enabled", "true");
        trace.setEnabled(on);
        x.audit("SIP trace " + (on ? "on" : "off"));
        return Reply.ok(state(trace));
    }

    Reply call(Exchange x) {
        SipTraceService trace = services.trace();
        String callId = x.path("callId");
        String[] also = x.queryAll("also");
        if (also.length > MAX_ALSO) {
            throw new ApiException(Problem.invalid("also", also.length + " 'also' Call-IDs", "give at most " + MAX_ALSO));
        }
        Set<String> legs = legsOf(callId);
        String notice = null;
        if (legs.isEmpty()) {
            Recorded recorded = recordedLegsOf(callId);
            legs.addAll(recorded.legs());
            notice = recorded.notice();
        }
        // the id named a call (its id or a leg's Call-ID): its legs; else it is taken as a Call-ID by itself
        Set<String> ids = new LinkedHashSet<>(legs.isEmpty() ? List.of(callId) : legs);
        ids.addAll(List.of(also));
        List<Map<String, Object>> items = trace.messages(ids).stream().map(TraceResource::view).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", trace.enabled());
        body.put("callIds", ids);
        body.put("items", items);
        if (notice != null) {
            body.put("notice", notice);
        }
        return Reply.ok(body);
    }

    /** The Call-IDs of the other legs when the id names a live call or one of its legs (the call engine may be absent). */
    private Set<String> legsOf(String id) {
        Set<String> out = new LinkedHashSet<>();
        CallControl calls = services.optionalCalls();
        if (calls == null) {
            return out;
        }
        for (CallInfo c : calls.calls()) {
            if (c.id().equals(id) || c.legs().stream().anyMatch(l -> id.equals(l.callId()))) {
                c.legs().stream().map(LegInfo::callId).filter(s -> s != null && !s.isBlank()).forEach(out::add);
            }
        }
        return out;
    }

    /** An ended call's legs as its record names them, or why they are not known (null when nothing went wrong). */
    record Recorded(List<String> legs, String notice) {
    }

    /**
     * The legs' Call-IDs of an ended call: from its CDR, found by the PBX's call id or the caller leg's Call-ID. No CDR
     * store or a failing one does not fail the request (the named Call-ID's messages are still worth showing): the
     * answer then says in {@code notice} why other legs may be missing.
     */
    private Recorded recordedLegsOf(String id) {
        CdrSearch cdrs = services.optionalCdrs();
        if (cdrs == null) {
            return new Recorded(List.of(), "Other legs of an ended call come from its call record: install pbx-cdr with "
                    + "db.enabled=true (etc/org.plugboard.cdr.cfg) to see them.");
        }
        try {
            List<CallDetailRecord> found = cdrs.findCall(id);
            return new Recorded(found.isEmpty() ? List.of() : found.get(0).legCallIds(), null);
        } catch (IllegalStateException e) {
            return new Recorded(List.of(), "Other legs of this call are not shown: its call record cannot be read ("
                    + e.getMessage() + "); check the database and reload.");
        }
    }

    static Map<String, Object> state(SipTraceService trace) {
        return Map.of("enabled", trace.enabled());
    }

    static Map<String, Object> view(TracedMessage m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("time", m.time().toString());
        v.put("direction", m.outbound() ? "out" : "in");
        v.put("local", m.local());
        v.put("remote", m.remote());
        v.put("transport", m.transport());
        v.put("callId", m.callId());
        v.put("firstLine", m.firstLine());
        v.put("raw", m.raw());
        return v;
    }
}
