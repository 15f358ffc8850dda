package org.plugboard.rest.internal;

import java.util.List;
import java.util.Locale;

import org.plugboard.api.directory.Directory;
import org.plugboard.api.directory.DirectoryException;
import org.plugboard.api.directory.Extension;

/** {@code /api/extensions}: list, search, read, add, update and remove extensions of the {@link Directory}. */
public final class ExtensionResource {
    static final String BASE = "/api/extensions";
    static final int MAX_DEVICES = 100;

    /** POST body. Passwords go in and never come out. */
    public record NewExtension(String number, String displayName, String password, Integer maxDevices) {
    }

    /** PATCH body: only the fields given change. */
    public record ExtensionChange(String displayName, String password, Integer maxDevices) {
    }

    private final Services services;

    public ExtensionResource(Services services) {
        this.services = services;
    }

    public void register(Router router) {
        router.add(new Route("GET", BASE, "List or search extensions", this::list));
        router.add(new Route("POST", BASE, "Add an extension", this::add));
        router.add(new Route("GET", BASE + "/{number}", "Read an extension", this::get));
        router.add(new Route("PATCH", BASE + "/{number}", "Change an extension's name, password or devices", this::update));
        router.add(new Route("DELETE", BASE + "/{number}", "Remove an extension", this::remove));
    }

    /** {@code q} matches number or display name, case-insensitively; paged by offset and limit. */
    Reply list(Exchange x) {
        String q = x.query("q");
        int offset = x.intQuery("offset", 0, 0, Integer.MAX_VALUE);
        int limit = x.intQuery("limit", 100, 1, 1000);
        List<Extension> all = services.directory().list();
        if (q != null) {
            String needle = q.toLowerCase(Locale.ROOT);
            all = all.stream().filter(e -> e.number().toLowerCase(Locale.ROOT).contains(needle)
                    || (e.displayName() != null && e.displayName().toLowerCase(Locale.ROOT).contains(needle))).toList();
        }
        return Reply.ok(Paging.page(all, offset, limit));
    }

    Reply get(Exchange x) {
        String number = x.path("number");
        return Reply.ok(services.directory().find(number).orElseThrow(() -> notFound(number)));
    }

    Reply add(Exchange x) throws java.io.IOException {
        NewExtension body = x.body(NewExtension.class);
        String number = Exchange.required(body.number(), "number", "\"1010\"");
        String password = Exchange.required(body.password(), "password", "\"a-long-secret\"");
        Directory directory = services.directory();
        if (directory.find(number).isPresent()) {
            throw new ApiException(Problem.conflict("extension " + number + " exists",
                    "change it with PATCH " + BASE + "/" + number + ", or choose another number").field("number"));
        }
        checkDevices(body.maxDevices());
        Extension added = call("number", () -> directory.add(number, body.displayName() == null ? "" : body.displayName(),
                password));
        if (body.maxDevices() != null) {
            call("maxDevices", () -> {
                directory.setMaxDevices(number, body.maxDevices());
                return null;
            });
            added = directory.find(number).orElse(added);
        }
        x.audit("added extension " + number);
        return Reply.created(BASE + "/" + number, added);
    }

    Reply update(Exchange x) throws java.io.IOException {
        String number = x.path("number");
        ExtensionChange body = x.body(ExtensionChange.class);
        Directory directory = services.directory();
        directory.find(number).orElseThrow(() -> notFound(number));
        checkDevices(body.maxDevices());
        StringBuilder what = new StringBuilder();
        if (body.displayName() != null) {
            call("displayName", () -> {
                directory.setDisplayName(number, body.displayName());
                return null;
            });
            what.append(" displayName");
        }
        if (body.password() != null) {
            Exchange.required(body.password(), "password", "\"a-long-secret\"");
            call("password", () -> {
                directory.setPassword(number, body.password());
                return null;
            });
            what.append(" password");
        }
        if (body.maxDevices() != null) {
            call("maxDevices", () -> {
                directory.setMaxDevices(number, body.maxDevices());
                return null;
            });
            what.append(" maxDevices=").append(body.maxDevices());
        }
        x.audit("changed extension " + number + ":" + (what.length() == 0 ? " nothing" : what));
        return Reply.ok(directory.find(number).orElseThrow(() -> notFound(number)));
    }

    Reply remove(Exchange x) {
        String number = x.path("number");
        if (!services.directory().remove(number)) {
            throw notFound(number);
        }
        x.audit("removed extension " + number);
        return Reply.noContent();
    }

    private static void checkDevices(Integer maxDevices) {
        if (maxDevices != null && (maxDevices < 1 || maxDevices > MAX_DEVICES)) {
            throw new ApiException(Problem.invalid("maxDevices", "maxDevices " + maxDevices + " is out of range",
                    "give 1 (one device) to " + MAX_DEVICES));
        }
    }

    /**
     * The directory's refusals (a bad number, a short password) are the client's to fix: 400 naming the field its
     * message is about. A failure with a cause (the database) is the server's: 503.
     */
    private static <T> T call(String field, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (DirectoryException | IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            if (e.getCause() != null) {
                throw new ApiException(Problem.of(503, "service-unavailable", "Directory unavailable", m)
                        .fix("check the database (etc/org.ops4j.datasource-plugboard.cfg) and try again"));
            }
            String f = m.contains("password") ? "password" : m.contains("name of") ? "displayName"
                    : m.contains("Device limit") ? "maxDevices" : field;
            throw new ApiException(Problem.invalid(f, m, "correct '" + f + "' and send it again"));
        }
    }

    private static ApiException notFound(String number) {
        return new ApiException(Problem.notFound("no extension " + number)
                .fix("list the extensions with GET " + BASE));
    }
}
