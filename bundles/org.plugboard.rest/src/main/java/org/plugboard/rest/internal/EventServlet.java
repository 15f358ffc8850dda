package org.plugboard.rest.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;

/**
 * {@code GET /api/events}: the event stream as server-sent events. Each event has an {@code id} (one more than the
 * last), an {@code event} name (its type) and one JSON {@code data} line. A client that reconnects with
 * {@code Last-Event-ID} (or {@code ?lastEventId=}) gets what it missed, or a {@code reset} event when that is no
 * longer kept. Each client holds one HTTP thread (blocking writes, bounded by {@code events.clients}).
 */
@Component(service = Servlet.class, configurationPid = RestConfig.PID, immediate = true, property = {
    HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=" + Api.EVENTS,
    HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME + "=plugboard-events"})
public class EventServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient EventHub hub;
    private final transient Gate gate;
    private final transient Json json = new Json();
    private final transient RestConfig config;
    private final AtomicInteger clients = new AtomicInteger();

    @Activate
    public EventServlet(@Reference EventHub hub, @Reference SessionService sessions, RestConfig config) {
        this.hub = hub;
        this.config = config;
        this.gate = new Gate(new JaasAuthenticator(config.realm()), sessions.sessions());
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!"GET".equals(req.getMethod())) {
            resp.setHeader("Allow", "GET");
            problem(resp, Problem.methodNotAllowed(req.getMethod(), Api.EVENTS, "GET"));
            return;
        }
        long lastId;
        try {
            // EventSource cannot send an Authorization header: the page's session cookie is accepted too
            Gate.authorize(gate.identify(req.getHeader("Authorization"), Sessions.token(req.getHeader("Cookie")),
                    req.getRemoteAddr()).caller(), false);
            lastId = lastEventId(req);
        } catch (ApiException e) {
            if (e.problem().status() == 401 && Sessions.token(req.getHeader("Cookie")) == null) {
                resp.setHeader("WWW-Authenticate", "Basic realm=\"plugboard\", charset=\"UTF-8\"");
            }
            problem(resp, e.problem());
            return;
        }
        if (clients.incrementAndGet() > config.events_clients()) {
            clients.decrementAndGet();
            problem(resp, Problem.of(503, "too-many-streams", "Too many event streams", "already "
                    + config.events_clients() + " event streams open").fix("close another stream, or raise "
                    + "events.clients in etc/org.plugboard.rest.cfg"));
            return;
        }
        try {
            stream(resp, lastId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away: nothing to report
        } finally {
            clients.decrementAndGet();
        }
    }

    private void stream(HttpServletResponse resp, long lastId) throws IOException, InterruptedException {
        resp.setStatus(200);
        resp.setContentType("text/event-stream;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Accel-Buffering", "no"); // a proxy in front must not hold events back
        OutputStream out = resp.getOutputStream();
        EventRing ring = hub.ring();
        write(out, "retry: 3000\n\n");
        long cursor = lastId < 0 ? ring.lastId() : lastId;
        long keepalive = Math.max(1, config.events_keepalive_seconds()) * 1000L;
        while (true) {
            EventRing.Slice slice = ring.await(cursor, keepalive);
            if (slice == null) {
                return; // the bundle stops; the client reconnects with its Last-Event-ID
            }
            if (slice.reset()) {
                long now = ring.lastId();
                write(out, frame(now, "reset", json.writeString(Map.of("type", "reset", "lastEventId", cursor,
                        "oldestEventId", ring.oldestId(), "reason", "events after " + cursor + " are no longer kept: "
                        + "reload the state from the REST resources; the stream goes on from here"))));
                cursor = now;
            } else if (slice.events().isEmpty()) {
                write(out, ": keep-alive\n\n");
            } else {
                StringBuilder b = new StringBuilder();
                for (EventRing.Event e : slice.events()) {
                    b.append(frame(e.id(), e.type(), e.data()));
                    cursor = e.id();
                }
                write(out, b.toString());
            }
        }
    }

    /** One SSE event; the data is single-line JSON (Jackson escapes line breaks inside strings). */
    static String frame(long id, String type, String data) {
        return "id: " + id + "\nevent: " + type + "\ndata: " + data + "\n\n";
    }

    /** The position to resume after: the header, else the query parameter, else -1 (live events only). */
    static long lastEventId(HttpServletRequest req) {
        String v = req.getHeader("Last-Event-ID");
        String name = "Last-Event-ID";
        if (v == null || v.isBlank()) {
            v = req.getParameter("lastEventId");
            name = "lastEventId";
        }
        if (v == null || v.isBlank()) {
            return -1;
        }
        try {
            long id = Long.parseLong(v.trim());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiException(Problem.invalid(name, name + " '" + v + "' is not an event id",
                "send the id of the last event received (a whole number), or none for live events only"));
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void problem(HttpServletResponse resp, Problem p) throws IOException {
        byte[] body = json.write(p.toMap());
        resp.setStatus(p.status());
        resp.setContentType(Problem.MEDIA_TYPE + ";charset=utf-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
