package org.plugboard.rest.internal;

/** {@code /api/lines} and {@code /api/trunks}: configured lines and trunks with their live status. */
public final class StatusResource {
    static final String LINES = "/api/lines";
    static final String TRUNKS = "/api/trunks";
    private final Services services;

    public StatusResource(Services services) {
        this.services = services;
    }

    public void register(Router router) {
        router.add(new Route("GET", LINES, "List external lines with their registration state", x -> Reply.ok(services.lines().lines())));
        router.add(new Route("GET", LINES + "/{name}", "Read one line's status", this::line));
        router.add(new Route("GET", TRUNKS, "List SIP trunks with their calls", x -> Reply.ok(services.trunks().trunks())));
        router.add(new Route("GET", TRUNKS + "/{name}", "Read one trunk's status", this::trunk));
    }

    Reply line(Exchange x) {
        String name = x.path("name");
        return Reply.ok(services.lines().line(name).orElseThrow(() -> new ApiException(
                Problem.notFound("no line " + name).fix("list the lines with GET " + LINES))));
    }

    Reply trunk(Exchange x) {
        String name = x.path("name");
        return Reply.ok(services.trunks().trunk(name).orElseThrow(() -> new ApiException(
                Problem.notFound("no trunk " + name).fix("list the trunks with GET " + TRUNKS))));
    }
}
