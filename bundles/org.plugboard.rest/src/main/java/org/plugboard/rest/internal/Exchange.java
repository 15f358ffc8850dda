package org.plugboard.rest.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * One request as a handler sees it: path parameters, checked query parameters, the JSON body (bounded), the caller.
 * Every bad input ends the request with a problem naming the parameter and the fix.
 */
public final class Exchange {
    /** The body source: the request's stream and its declared type and length. */
    public interface Body {
        String contentType();

        long contentLength();

        InputStream stream() throws IOException;
    }

    private final Map<String, String> params;
    private final Map<String, String[]> query;
    private final Body body;
    private final Caller caller;
    private final Json json;
    private final long maxBody;
    /** What the audit log says the request did, set by the handler (e.g. "added extension 1010"). */
    private String auditDetail = "";
    private Api.Request request;

    public Exchange(Map<String, String> params, Map<String, String[]> query, Body body, Caller caller, Json json,
            long maxBody) {
        this.params = params;
        this.query = query;
        this.body = body;
        this.caller = caller;
        this.json = json;
        this.maxBody = maxBody;
    }

    /** The whole request, for the resources that need its headers (the session resource). */
    Exchange request(Api.Request r) {
        this.request = r;
        return this;
    }

    Api.Request request() {
        return request;
    }

    public Caller caller() {
        return caller;
    }

    public String path(String name) {
        return params.get(name);
    }

    /** A query parameter, or null when absent or empty. */
    public String query(String name) {
        String[] v = query.get(name);
        return v == null || v.length == 0 || v[0].isBlank() ? null : v[0].trim();
    }

    /** Every non-empty value of a repeatable query parameter. */
    public String[] queryAll(String name) {
        String[] v = query.get(name);
        return v == null ? new String[0] : java.util.Arrays.stream(v).filter(s -> !s.isBlank()).map(String::trim)
                .toArray(String[]::new);
    }

    public int intQuery(String name, int dflt, int min, int max) {
        String v = query(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        throw new ApiException(Problem.invalid(name, "query parameter " + name + "=" + v + " is not a whole number from "
                + min + " to " + max, "give " + name + " from " + min + " to " + max));
    }

    public Instant timeQuery(String name) {
        String v = query(name);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new ApiException(Problem.invalid(name, "query parameter " + name + "=" + v + " is not a time",
                    "give an ISO-8601 UTC time, e.g. " + name + "=2026-12-01T00:00:00Z"));
        }
    }

    public <E extends Enum<E>> E enumQuery(String name, Class<E> type) {
        String v = query(name);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(Problem.invalid(name, "query parameter " + name + "=" + v + " is unknown",
                    "give " + Json.expected(type)));
        }
    }

    /** The JSON body as {@code type}; 415 when not JSON, 413 when over the limit, 400 for anything malformed. */
    public <T> T body(Class<T> type) throws IOException {
        String ct = body.contentType();
        if (ct == null || !ct.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(Problem.unsupportedMediaType(ct == null ? "untyped" : ct));
        }
        return json.read(readBounded(), type);
    }

    /**
     * The raw body of a file upload whose type starts with one of {@code types} (415 otherwise), bounded like JSON.
     */
    public byte[] rawBody(String... types) throws IOException {
        String ct = body.contentType();
        String lower = ct == null ? "" : ct.toLowerCase(java.util.Locale.ROOT);
        for (String t : types) {
            if (lower.startsWith(t)) {
                return readBounded();
            }
        }
        throw new ApiException(Problem.of(415, "unsupported-media-type", "Unsupported media type", "the body is "
                + (ct == null ? "untyped" : ct) + ", not " + String.join(" or ", types))
                .fix("send Content-Type: " + types[0]));
    }

    /** Reads at most the limit: a declared or actual length beyond it is refused before it is all in memory. */
    byte[] readBounded() throws IOException {
        if (body.contentLength() > maxBody) {
            throw new ApiException(Problem.tooLarge(maxBody));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try (InputStream in = body.stream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > maxBody) {
                    throw new ApiException(Problem.tooLarge(maxBody));
                }
            }
        }
        return out.toByteArray();
    }

    /** A required field of a body: 400 naming it when absent. */
    public static <T> T required(T value, String field, String example) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw new ApiException(Problem.missing(field, example));
        }
        return value;
    }

    public void audit(String detail) {
        this.auditDetail = detail;
    }

    String auditDetail() {
        return auditDetail;
    }
}
