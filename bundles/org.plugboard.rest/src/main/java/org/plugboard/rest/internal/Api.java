package org.plugboard.rest.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API without the servlet container: routes a request, checks who may do it, runs the resource, turns every
 * failure into a problem response and audits every change with its user. {@link ApiServlet} adapts it to HTTP.
 */
public final class Api {
    private static final Logger LOG = LoggerFactory.getLogger(Api.class);
    /** Who changed what: one line per change request, accepted or refused. */
    static final Logger AUDIT = LoggerFactory.getLogger("org.plugboard.rest.audit");
    static final String OPENAPI = "/api/openapi.json";
    static final String EVENTS = "/api/events";

    static final String SESSION = SessionResource.PATH;

    /**
     * An HTTP request as the API needs it: {@code sessionToken} is the value of the PBXSESSION cookie (or null),
     * {@code requestedWith} the X-Requested-With header (the CSRF guard).
     */
    public record Request(String method, String path, Map<String, String[]> query, String authorization, String remote,
            Exchange.Body body, String sessionToken, String requestedWith) {
        /** A request without cookie or X-Requested-With (Basic clients). */
        public Request(String method, String path, Map<String, String[]> query, String authorization, String remote,
                Exchange.Body body) {
            this(method, path, query, authorization, remote, body, null, null);
        }

        /** The page says who it is: no Basic challenge then, which would make the browser open its own dialog. */
        boolean fromPage() {
            return Gate.CSRF_VALUE.equals(requestedWith) || sessionToken != null;
        }
    }

    /** An HTTP response to send; {@code file}, when not null, is streamed as the body (audio files can be large). */
    public record Response(int status, String contentType, Map<String, String> headers, byte[] body,
            java.nio.file.Path file) {
        public Response(int status, String contentType, Map<String, String> headers, byte[] body) {
            this(status, contentType, headers, body, null);
        }

        public String text() {
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Router router = new Router();
    private final Json json;
    private final Gate gate;
    private final long maxBody;

    public Api(Services services, EventPublisher events, Json json, Gate gate, long maxBody, Clock clock) {
        this.json = json;
        this.gate = gate;
        this.maxBody = maxBody;
        new ExtensionResource(services).register(router);
        new RegistrationResource(services, clock).register(router);
        new CallResource(services, events).register(router);
        new CdrResource(services).register(router);
        new StatusResource(services).register(router);
        new BanResource(services).register(router);
        new SessionResource(gate).register(router);
        new IvrResource(services).register(router);
        new TraceResource(services).register(router);
        new StatsResource(services, clock).register(router);
        new ServiceSettingsResource(services).register(router);
        new RecordingResource(services).register(router);
        new VoicemailResource(services).register(router);
        router.add(new Route("GET", "/api/capabilities", "Which optional parts are installed now",
                x -> Reply.ok(services.capabilities().view())));
        router.add(new Route("GET", OPENAPI, "This document", x -> Reply.text("application/json", OpenApi.document(),
                Map.of())));
    }

    public Router router() {
        return router;
    }

    public Response handle(Request request) {
        Caller caller = null;
        Route route = null;
        try {
            Router.Match match = router.match(request.method(), request.path());
            route = match.route();
            // the document is public (it holds no data); the session resource checks its callers itself
            if (!OPENAPI.equals(route.template()) && !SESSION.equals(route.template())) {
                Gate.Identity who = gate.identify(request.authorization(), request.sessionToken(), request.remote());
                caller = who.caller();
                Gate.authorize(caller, route.changes());
                Gate.checkCsrf(who, route.changes(), request.requestedWith());
            }
            Exchange exchange = new Exchange(match.params(), request.query(), request.body(), caller, json, maxBody)
                    .request(request);
            Response response = reply(route.handler().handle(exchange), "HEAD".equals(request.method()));
            audit(caller, route, request, response.status(), exchange.auditDetail());
            return response;
        } catch (Router.MethodNotAllowed e) {
            return problem(e.problem(), Map.of("Allow", e.allow()));
        } catch (ApiException e) {
            Response response = problem(e.problem(), e.problem().status() == 401 && !request.fromPage()
                    ? Map.of("WWW-Authenticate", "Basic realm=\"plugboard\", charset=\"UTF-8\"") : Map.of());
            audit(caller, route, request, response.status(), e.problem().detail());
            return response;
        } catch (IOException | RuntimeException e) {
            String ref = UUID.randomUUID().toString().substring(0, 8);
            LOG.warn("REST {} {} failed (reference {}): {}", request.method(), request.path(), ref, e.toString(), e);
            audit(caller, route, request, 500, "failed, reference " + ref);
            return problem(Problem.internal(ref), Map.of());
        }
    }

    private Response reply(Reply reply, boolean head) {
        byte[] body;
        if (reply.body() == null) {
            body = new byte[0];
        } else if (reply.body() instanceof String s) {
            body = s.getBytes(StandardCharsets.UTF_8);
        } else if (reply.body() instanceof byte[] b) {
            body = b; // files as they are (XML)
        } else if (reply.body() instanceof java.nio.file.Path file) {
            return new Response(reply.status(), reply.contentType(), reply.headers(), new byte[0], head ? null : file);
        } else {
            body = json.write(reply.body());
        }
        return new Response(reply.status(), reply.contentType(), reply.headers(), head ? new byte[0] : body);
    }

    Response problem(Problem p, Map<String, String> headers) {
        return new Response(p.status(), Problem.MEDIA_TYPE, new LinkedHashMap<>(headers), json.write(p.toMap()));
    }

    /**
     * Changes only (reads are not audited), refused ones too, by authenticated users: anonymous requests are not
     * logged one by one (Gate counts failed logins), so nobody without a password can fill the log.
     */
    private static void audit(Caller caller, Route route, Request request, int status, String detail) {
        if (route == null || !route.changes() || caller == null) {
            return;
        }
        AUDIT.info("user={} from={} {} {} -> {} {}", oneLine(caller.name(), 64),
                request.remote(), request.method(), oneLine(request.path(), 200), status, oneLine(detail, 300));
    }

    /** Client-chosen text as one bounded log line: no forged lines, no flooding. */
    static String oneLine(String text, int max) {
        if (text == null) {
            return "";
        }
        String s = text.replaceAll("\\p{Cntrl}", "?");
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
