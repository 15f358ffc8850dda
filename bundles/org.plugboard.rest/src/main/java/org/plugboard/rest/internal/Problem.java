package org.plugboard.rest.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error as RFC 9457 {@code application/problem+json}: {@code type}, {@code title}, {@code status}, {@code detail},
 * plus two members of ours, {@code field} (the JSON field, query parameter or path segment at fault) and {@code fix}
 * (what to send instead), so a client can show the error next to the right input.
 */
public record Problem(String type, String title, int status, String detail, String field, String fix,
        Map<String, Object> more) {
    public static final String MEDIA_TYPE = "application/problem+json";
    /** Problem types are relative URIs under this path, documented in the OpenAPI document and the README. */
    static final String TYPE_BASE = "/api/problems/";

    public static Problem of(int status, String type, String title, String detail) {
        return new Problem(TYPE_BASE + type, title, status, detail, null, null, Map.of());
    }

    public Problem field(String name) {
        return new Problem(type, title, status, detail, name, fix, more);
    }

    public Problem fix(String text) {
        return new Problem(type, title, status, detail, field, text, more);
    }

    /** A member of its own for this problem type (e.g. {@code line} and {@code column} of {@code invalid-ivr}). */
    public Problem with(String name, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(more);
        m.put(name, value);
        return new Problem(type, title, status, detail, field, fix, Map.copyOf(m));
    }

    /** The members in RFC 9457 order, absent ones left out. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("title", title);
        m.put("status", status);
        m.put("detail", detail);
        if (field != null) {
            m.put("field", field);
        }
        if (fix != null) {
            m.put("fix", fix);
        }
        new java.util.TreeMap<>(more).forEach(m::put);
        return m;
    }

    // ---- the problems the API reports ----------------------------------------------------------------------

    static Problem malformedJson(String detail) {
        return of(400, "malformed-json", "The body is not valid JSON", detail)
                .fix("send one JSON object, e.g. {\"number\": \"1010\"}, with Content-Type: application/json");
    }

    static Problem unknownField(String field, String known) {
        return of(400, "unknown-field", "Unknown field", "the body has a field '" + field + "' this resource does not know")
                .field(field).fix("remove it; known fields: " + known);
    }

    static Problem wrongType(String field, String expected, String got) {
        return of(400, "wrong-type", "Wrong type", "field '" + field + "' must be " + expected + ", not " + got)
                .field(field).fix("send " + expected + " for '" + field + "'");
    }

    static Problem invalid(String field, String detail, String fix) {
        return of(400, "invalid-value", "Invalid value", detail).field(field).fix(fix);
    }

    static Problem missing(String field, String example) {
        return of(400, "missing-field", "Missing field", "field '" + field + "' is required").field(field)
                .fix("add '" + field + "', e.g. " + example);
    }

    static Problem tooLarge(long limit) {
        return of(413, "body-too-large", "Body too large", "the body is larger than " + limit + " bytes")
                .fix("send at most " + limit + " bytes (setting max.body.bytes of org.plugboard.rest)");
    }

    static Problem unsupportedMediaType(String got) {
        return of(415, "unsupported-media-type", "Unsupported media type", "the body is " + got + ", not JSON")
                .fix("send Content-Type: application/json");
    }

    static Problem notFound(String what) {
        return of(404, "not-found", "Not found", what);
    }

    static Problem noRoute(String path) {
        return of(404, "not-found", "Not found", "no resource at " + path)
                .fix("see /api/openapi.json for the resources");
    }

    static Problem methodNotAllowed(String method, String path, String allowed) {
        return of(405, "method-not-allowed", "Method not allowed", method + " is not allowed on " + path)
                .fix("use " + allowed);
    }

    static Problem unauthorized(String detail) {
        return of(401, "unauthorized", "Authentication required", detail)
                .fix("send HTTP Basic credentials of a Karaf user (etc/users.properties) with role viewer or admin");
    }

    static Problem forbidden(String user, String role) {
        return of(403, "forbidden", "Forbidden", "user '" + user + "' lacks role '" + role + "' for this request")
                .fix("use a user with role " + role + " (Karaf group admingroup has it)");
    }

    static Problem conflict(String detail, String fix) {
        return of(409, "conflict", "Conflict", detail).fix(fix);
    }

    static Problem unavailable(String what, String feature) {
        return of(503, "service-unavailable", "Service unavailable", what + " is not running")
                .fix("install it: feature:install " + feature);
    }

    static Problem internal(String reference) {
        return of(500, "internal-error", "Internal error", "the request failed on the server (log reference "
                + reference + ")").fix("see the PBX log (log:display) for that reference");
    }
}
