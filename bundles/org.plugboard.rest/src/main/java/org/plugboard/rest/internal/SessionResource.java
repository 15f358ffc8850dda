package org.plugboard.rest.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code /api/session}: the web page's login. {@code POST} checks a user and password on the realm (failures counted
 * as for Basic) and answers the session cookie; {@code GET} says who is logged in; {@code DELETE} logs out. These
 * routes check their callers themselves: anybody may try to log in, and logging out needs only the session.
 */
public final class SessionResource {
    static final String PATH = "/api/session";

    /** POST body. */
    public record Login(String user, String password) {
    }

    private final Gate gate;

    public SessionResource(Gate gate) {
        this.gate = gate;
    }

    public void register(Router router) {
        router.add(new Route("POST", PATH, "Log in: a session cookie for the web page", this::login));
        router.add(new Route("GET", PATH, "Who is logged in", this::who));
        router.add(new Route("DELETE", PATH, "Log out", this::logout));
    }

    Reply login(Exchange x) throws IOException {
        Sessions sessions = sessions();
        Login body = x.body(Login.class);
        String user = Exchange.required(body.user(), "user", "\"karaf\"");
        String password = Exchange.required(body.password(), "password", "\"the user's password\"");
        Api.Request r = x.request();
        Caller caller = gate.login(user, password, r.remote());
        Gate.authorize(caller, false); // a user without viewer or admin gets no session
        String token = sessions.open(caller);
        Api.AUDIT.info("user={} from={} POST {} -> 200 logged in (session)", Api.oneLine(caller.name(), 64), r.remote(),
                PATH);
        return new Reply(200, view(caller), "application/json", Map.of("Set-Cookie", Sessions.setCookie(token, false)));
    }

    Reply who(Exchange x) {
        Api.Request r = x.request();
        Gate.Identity who = gate.identify(r.authorization(), r.sessionToken(), r.remote());
        Map<String, Object> v = view(who.caller());
        v.put("via", who.cookie() ? "cookie" : "basic");
        return Reply.ok(v);
    }

    /** Always ends with the cookie removed; a live session is closed only with the page's header (CSRF guard). */
    Reply logout(Exchange x) {
        Api.Request r = x.request();
        Sessions sessions = sessions();
        if (r.sessionToken() != null) {
            Caller caller = sessions.use(r.sessionToken());
            if (caller != null) {
                Gate.checkCsrf(new Gate.Identity(caller, true), true, r.requestedWith());
                sessions.close(r.sessionToken());
                Api.AUDIT.info("user={} from={} DELETE {} -> 204 logged out", Api.oneLine(caller.name(), 64),
                        r.remote(), PATH);
            }
        }
        return new Reply(204, null, null, Map.of("Set-Cookie", Sessions.setCookie(null, false)));
    }

    private Sessions sessions() {
        Sessions s = gate.sessions();
        if (s == null) {
            throw new ApiException(Problem.unavailable("the session store", "pbx-rest"));
        }
        return s;
    }

    static Map<String, Object> view(Caller caller) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("user", caller.name());
        v.put("roles", new TreeSet<>(caller.roles()));
        v.put("mayChange", caller.mayChange());
        return v;
    }
}
