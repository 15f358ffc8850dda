package org.plugboard.rest.internal;

import java.util.Map;

/** {@code /api/bans}: addresses banned after failed authentications; lift one or all. */
public final class BanResource {
    static final String BASE = "/api/bans";
    private final Services services;

    public BanResource(Services services) {
        this.services = services;
    }

    public void register(Router router) {
        router.add(new Route("GET", BASE, "List banned addresses", x -> Reply.ok(
                services.guard().bans().stream().map(Views::ban).toList())));
        router.add(new Route("DELETE", BASE, "Lift every ban", this::liftAll));
        router.add(new Route("DELETE", BASE + "/{address}", "Lift the ban of one address", this::lift));
    }

    Reply lift(Exchange x) {
        String address = x.path("address");
        if (!services.guard().lift(address)) {
            throw new ApiException(Problem.notFound("address " + address + " is not banned")
                    .fix("list the bans with GET " + BASE));
        }
        x.audit("lifted the ban of " + address);
        return Reply.noContent();
    }

    Reply liftAll(Exchange x) {
        int n = services.guard().liftAll();
        x.audit("lifted all bans (" + n + ")");
        return Reply.ok(Map.of("lifted", n));
    }
}
