package org.plugboard.rest.internal;

import java.time.Instant;
import java.util.List;

import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.LegInfo;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.location.Binding;
import org.plugboard.api.security.Ban;

/**
 * The JSON shapes of the API's value types (the schemas of /api/openapi.json): times as ISO-8601 UTC text, enums by
 * name, nothing secret. API records without times ({@code Extension}, {@code LineStatus}, {@code TrunkStatus}) are
 * written as they are.
 */
public final class Views {
    private Views() {
    }

    public record Leg(String role, String callId, String peer, String target, String state, String side, boolean party) {
    }

    public record Call(String id, String caller, String callee, String state, String started, String answered,
            boolean callerAnonymous, List<Leg> legs) {
    }

    public record Registration(String extension, String contact, String expiresAt, long secondsLeft, String source,
            String transport, String userAgent, String instanceId) {
    }

    public record Cdr(String id, String callId, String caller, String callee, String finalCallee, String answeredBy,
            String start, String ringing, String answer, String end, long billableSeconds, String disposition,
            int sipStatus, int q850Cause, String reason, String tag, String linkedCall, List<String> notes, List<String> legCallIds) {
    }

    public record BanView(String address, String since, String until, int failures) {
    }

    /** A list with its paging: {@code more} says whether a next page exists. */
    public record Page<T>(List<T> items, int offset, int limit, boolean more) {
    }

    static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    public static Call call(CallInfo c) {
        return new Call(c.id(), c.caller(), c.callee(), name(c.state()), time(c.started()), time(c.answered()),
                c.callerAnonymous(), c.legs().stream().map(Views::leg).toList());
    }

    static Leg leg(LegInfo l) {
        return new Leg(l.role(), l.callId(), l.peer(), l.target(), name(l.state()), name(l.side()), l.party());
    }

    public static Registration registration(Binding b, Instant now) {
        return new Registration(b.extension(), b.contact(), time(b.expiresAt()), b.secondsLeft(now), b.source(),
                b.transport(), b.userAgent(), b.instanceId());
    }

    public static Cdr cdr(CallDetailRecord r) {
        long billable = r.answer() == null || r.end() == null ? 0 : r.billableSeconds();
        return new Cdr(r.id(), r.callId(), r.caller(), r.callee(), r.finalCallee(), r.answeredBy(), time(r.start()),
                time(r.ringing()), time(r.answer()), time(r.end()), billable, name(r.disposition()), r.sipStatus(),
                r.q850Cause(), r.reason(), name(r.tag()), r.linkedCall(), r.notes(), r.legCallIds());
    }

    public static BanView ban(Ban b) {
        return new BanView(b.address(), time(b.since()), time(b.until()), b.failures());
    }
}
