package org.plugboard.rest.internal;

import java.util.Map;

/**
 * What a handler answers: a status, a body (an object written as JSON, or text of a given content type) and extra
 * headers.
 */
public record Reply(int status, Object body, String contentType, Map<String, String> headers) {
    public static Reply ok(Object body) {
        return new Reply(200, body, "application/json", Map.of());
    }

    public static Reply created(String location, Object body) {
        return new Reply(201, body, "application/json", Map.of("Location", location));
    }

    public static Reply accepted(String location, Object body) {
        return new Reply(202, body, "application/json", Map.of("Location", location));
    }

    public static Reply noContent() {
        return new Reply(204, null, null, Map.of());
    }

    public static Reply text(String contentType, String body, Map<String, String> headers) {
        return new Reply(200, body, contentType, headers);
    }
}
