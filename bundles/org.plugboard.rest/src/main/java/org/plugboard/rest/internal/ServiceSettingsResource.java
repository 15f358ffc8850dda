package org.plugboard.rest.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.plugboard.api.settings.Dnd;
import org.plugboard.api.settings.Forwarding;
import org.plugboard.api.settings.Screening;
import org.plugboard.api.settings.ScreeningEntry;
import org.plugboard.api.settings.SettingsException;

/**
 * {@code /api/extensions/{number}/forwarding|dnd|screening|voicemail}: an extension's settings of the call-service
 * bundles. PUT replaces the whole setting (absent fields: off, or the default); the bundle checks it with the
 * console's rules and stores it before the answer, or refuses it whole naming the field.
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

    /** PUT body of /screening: the personal list whole (absent: empty) and the anonymous switch (absent: off). */
    public record ScreeningBody(Boolean refuseAnonymous, List<EntryBody> entries) {
    }

    /** One entry: {@code kind} black or white, {@code caller}, {@code called} (absent: *), {@code rate} (absent: 100). */
    public record EntryBody(String kind, String caller, String called, Integer rate) {
    }

    /** PUT body of /voicemail: the box's new PIN (the only thing set here; greetings are recorded by phone). */
    public record VoicemailBody(String pin) {
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
        router.add(new Route("GET", BASE + "/screening", "An extension's personal screening list and anonymous switch",
                x -> Reply.ok(settings(() -> services.screening().get(x.path("number"))))));
        router.add(new Route("PUT", BASE + "/screening", "Replace an extension's personal screening list", this::putScreening));
        router.add(new Route("GET", BASE + "/voicemail", "An extension's voicemail box (PIN set, messages, greetings)",
                x -> Reply.ok(settings(() -> services.voicemailBox().get(x.path("number"))))));
        router.add(new Route("PUT", BASE + "/voicemail", "Set the PIN of an extension's voicemail box", this::putVoicemail));
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

    Reply putScreening(Exchange x) throws IOException {
        String number = x.path("number");
        ScreeningBody b = x.body(ScreeningBody.class);
        List<ScreeningEntry> entries = new ArrayList<>();
        if (b.entries() != null) {
            for (EntryBody e : b.entries()) {
                if (e == null) {
                    String at = "entries[" + entries.size() + "]";
                    throw new ApiException(Problem.invalid(at, at + " is null", "give {kind, caller, called, rate} or leave it out"));
                }
                entries.add(new ScreeningEntry(e.kind(), e.caller(), e.called(), e.rate() == null ? 100 : e.rate()));
            }
        }
        var provider = services.screening();
        Screening now = settings(() -> provider.set(number, new Screening(Boolean.TRUE.equals(b.refuseAnonymous()), entries)));
        x.audit("set screening of " + number + ": " + now.entries().size() + " entries, anonymous "
                + (now.refuseAnonymous() ? "refused" : "allowed"));
        return Reply.ok(now);
    }

    Reply putVoicemail(Exchange x) throws IOException {
        String number = x.path("number");
        VoicemailBody b = x.body(VoicemailBody.class);
        String pin = Exchange.required(b.pin(), "pin", "\"4711\"");
        var provider = services.voicemailBox();
        var now = settings(() -> provider.setPin(number, pin));
        x.audit("set the voicemail PIN of " + number); // never the PIN
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
