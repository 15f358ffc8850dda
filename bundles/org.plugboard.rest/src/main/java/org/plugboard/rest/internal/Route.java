package org.plugboard.rest.internal;

import java.io.IOException;
import java.util.List;

/**
 * One operation of the API: a method, a path template ({@code /api/extensions/{number}}, a {@code {name}} matches one
 * path segment) and its handler. Routes other than GET change the PBX: they need the admin role and are audited.
 */
public record Route(String method, String template, String summary, Handler handler) {
    @FunctionalInterface
    public interface Handler {
        Reply handle(Exchange exchange) throws IOException;
    }

    public boolean changes() {
        return !"GET".equals(method);
    }

    List<String> segments() {
        return Router.split(template);
    }
}
