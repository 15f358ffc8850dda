package org.plugboard.rest.internal;

import java.time.Clock;
import java.time.Instant;

/** {@code /api/registrations}: the live bindings of the {@link org.plugboard.api.location.LocationService}. */
public final class RegistrationResource {
    static final String BASE = "/api/registrations";
    private final Services services;
    private final Clock clock;

    public RegistrationResource(Services services, Clock clock) {
        this.services = services;
        this.clock = clock;
    }

    public void register(Router router) {
        router.add(new Route("GET", BASE, "List live registrations", this::list));
        router.add(new Route("GET", BASE + "/{extension}", "The registrations of one extension", this::ofExtension));
    }

    Reply list(Exchange x) {
        Instant now = clock.instant();
        int offset = x.intQuery("offset", 0, 0, Integer.MAX_VALUE);
        int limit = x.intQuery("limit", 100, 1, 1000);
        return Reply.ok(Paging.page(services.location().all().stream().map(b -> Views.registration(b, now)).toList(),
                offset, limit));
    }

    /** An extension without bindings answers an empty list: "not registered" is a state, not a missing resource. */
    Reply ofExtension(Exchange x) {
        Instant now = clock.instant();
        return Reply.ok(services.location().lookup(x.path("extension")).stream().map(b -> Views.registration(b, now))
                .toList());
    }
}
