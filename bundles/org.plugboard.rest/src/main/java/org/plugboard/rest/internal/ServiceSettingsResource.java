package org.plugboard.rest.internal;

import java.io.IOException;
import java.util.function.Supplier;

import org.plugboard.api.settings.Dnd;
import org.plugboard.api.settings.Forwarding;
import org.plugboard.api.settings.SettingsException;

/**
 * {@code /api/extensions/{number}/forwarding|dnd|screening|voicemail}: an extension's settings of the call-service
 * bundles. PUT replaces the whole setting (absent fields: off, or the default); the bundle checks it with the
 * console's rules and stores it before the answer. Screening and voicemail have no settings service yet: 501.
 */
public final class ServiceSettingsResource {
    static final String BASE = ExtensionResource.BASE + "/{number}";

    /** PUT body of /forwarding: a target per kind (absent or empty: off). */
    public record ForwardingBody(String unconditional, String busy, String noAnswer, String unreachable,
            Integer noAnswerSeconds, Boolean external) {
    }

    /** PUT body of /dnd: absent fields take the defaults (DND off, call waiting on, no limits). */
    public record DndBody(Boolean dnd, Boolean callWaiting, Integer maxIn, Integer maxOut) {
    }

    private final Services services;

    public ServiceSettingsResource(Services services) {
        this.services = services;
    }

    public void register(Router router) {
        router.add(new Route("GET", BASE + "/forwarding", "An extension's call forwarding",
                x -> Reply.ok(settings(() -> services.forwarding().get(x.path("number"))))));
        router.add(new Route("PUT", BASE + "/forwarding", "Set an extension's call forwarding", this::putForwarding));
        router.add(new Route("GET", BASE + "/dnd", "An extension's DND, call waiting and call limits",
                x -> Reply.ok(settings(() -> services.dnd().get(x.path("number"))))));
        router.add(new Route("PUT", BASE + "/dnd", "Set an extension's DND, call waiting and call limits", this::putDnd));
        for (String[] s : new String[][] {{"screening", "screening lists", "pbx:screen-*"},
                {"voicemail", "the voicemail box", "pbx:vm-*"}}) {
            Route.Handler notYet = x -> {
                throw new ApiException(Problem.of(501, "not-implemented", "Not implemented", s[1]
                        + " cannot be read or set over REST yet").fix("use the console commands " + s[2]));
            };
            router.add(new Route("GET", BASE + "/" + s[0], "An extension's " + s[1] + " (not yet)", notYet));
            router.add(new Route("PUT", BASE + "/" + s[0], "Set an extension's " + s[1] + " (not yet)", notYet));
        }
    }

    Reply putForwarding(Exchange x) throws IOException {
        String number = x.path("number");
        ForwardingBody b = x.body(ForwardingBody.class);
        var provider = services.forwarding();
        Forwarding now = settings(() -> provider.set(number, new Forwarding(b.unconditional(), b.busy(), b.noAnswer(),
                b.unreachable(), b.noAnswerSeconds(), Boolean.TRUE.equals(b.external()))));
        x.audit("set forwarding of " + number + ": " + now);
        return Reply.ok(now);
    }

    Reply putDnd(Exchange x) throws IOException {
        String number = x.path("number");
        DndBody b = x.body(DndBody.class);
        var provider = services.dnd();
        Dnd now = settings(() -> provider.set(number, new Dnd(Boolean.TRUE.equals(b.dnd()), !Boolean.FALSE.equals(
                b.callWaiting()), b.maxIn() == null ? 0 : b.maxIn(), b.maxOut() == null ? 0 : b.maxOut())));
        x.audit("set DND of " + number + ": " + now);
        return Reply.ok(now);
    }

    /** A settings call: a refusal is a 400 naming the field (404 for an unknown extension), a store failure a 503. */
    private static <T> T settings(Supplier<T> call) {
        try {
            return call.get();
        } catch (SettingsException e) {
            if ("extension".equals(e.field())) {
                throw new ApiException(Problem.notFound(e.getMessage()).fix(e.fix()));
            }
            throw new ApiException(Problem.invalid(e.field(), e.getMessage(), e.fix()));
        } catch (IllegalStateException e) {
            throw new ApiException(Problem.of(503, "service-unavailable", "Settings not stored", e.getMessage())
                    .fix("check the database (etc/org.ops4j.datasource-plugboard.cfg) and try again"));
        }
    }
}
