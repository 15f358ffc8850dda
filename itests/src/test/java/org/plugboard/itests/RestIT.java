package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The REST API and the event stream of feature pbx-rest over real HTTP (java.net.http) against the distribution:
 * each resource, the roles (the demo user monitor may read, never change), problem+json for bad input, and the event
 * stream following a call SIPp makes, resumed with Last-Event-ID.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RestIT extends PbxTestSupport {
    static final int HTTP_PORT = 18181;
    private static final AtomicInteger PORTS = new AtomicInteger(16300);
    private static final Pattern EVENT = Pattern.compile("id: (\\d+)\nevent: (\\S+)\ndata: (.*)");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    protected Option[] extraOptions() {
        return new Option[] {
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(HTTP_PORT)),
        };
    }

    @Before
    public void restInstalled() throws Exception {
        for (String f : List.of("pbx-lines", "pbx-trunks", "pbx-rest")) {
            if (!features.isInstalled(features.getFeature(f))) {
                features.installFeature(f);
            }
        }
        waitFor("the REST API to answer", 60_000, () -> send("GET", "/api/openapi.json", null, null).statusCode() == 200);
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------

    /** As user {@code karaf} (admin, password karaf), {@code monitor} (viewer, password monitor) or nobody (null). */
    private HttpResponse<String> send(String method, String path, String user, String json) {
        return send(method, path, user, json, "application/json");
    }

    private HttpResponse<String> send(String method, String path, String user, String body, String type) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", type);
        }
        if (user != null) {
            b.header("Authorization", basic(user, user));
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static void assertStatus(int status, HttpResponse<String> r) {
        assertEquals(r.request().method() + " " + r.request().uri() + ": " + r.body(), status, r.statusCode());
    }

    /** A problem+json response of that status and type, naming {@code field} when given. */
    private static void assertProblem(int status, String type, String field, HttpResponse<String> r) {
        assertStatus(status, r);
        assertTrue(r.headers().firstValue("Content-Type").orElse(""), r.headers().firstValue("Content-Type").orElse("")
                .startsWith("application/problem+json"));
        assertTrue(r.body(), r.body().contains("\"type\":\"/api/problems/" + type + "\""));
        assertTrue(r.body(), r.body().contains("\"status\":" + status));
        if (field != null) {
            assertTrue(r.body(), r.body().contains("\"field\":\"" + field + "\""));
            assertTrue(r.body(), r.body().contains("\"fix\":"));
        }
    }

    // ---- resources ----------------------------------------------------------------------------------------

    @Test
    public void extensionsAreManagedByAdminsAndOnlyReadByViewers() throws Exception {
        send("DELETE", "/api/extensions/1077", "karaf", null);
        assertStatus(201, send("POST", "/api/extensions", "karaf",
                "{\"number\":\"1077\",\"displayName\":\"Rest Test\",\"password\":\"rest1077pw\"}"));
        assertTrue(command("pbx:ext-list"), command("pbx:ext-list").contains("Rest Test"));
        HttpResponse<String> read = send("GET", "/api/extensions/1077", "monitor", null);
        assertStatus(200, read);
        assertTrue(read.body(), read.body().contains("\"displayName\":\"Rest Test\"") && !read.body().contains("rest1077pw"));
        assertTrue(send("GET", "/api/extensions?q=rest+test", "monitor", null).body().contains("1077"));

        assertProblem(403, "forbidden", null, send("PATCH", "/api/extensions/1077", "monitor", "{\"displayName\":\"Hacked\"}"));
        assertProblem(403, "forbidden", null, send("DELETE", "/api/extensions/1077", "monitor", null));
        assertProblem(403, "forbidden", null, send("POST", "/api/extensions", "monitor",
                "{\"number\":\"1078\",\"password\":\"rest1078pw\"}"));
        assertProblem(401, "unauthorized", null, send("GET", "/api/extensions", null, null));
        HttpResponse<String> wrong = send("GET", "/api/extensions", null, null);
        assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        assertEquals(401, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + "/api/extensions"))
                .header("Authorization", basic("karaf", "wrong")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());

        HttpResponse<String> changed = send("PATCH", "/api/extensions/1077", "karaf", "{\"displayName\":\"Renamed\",\"maxDevices\":2}");
        assertStatus(200, changed);
        assertTrue(changed.body(), changed.body().contains("\"maxDevices\":2"));
        assertTrue(command("pbx:ext-list"), command("pbx:ext-list").contains("Renamed"));
        assertStatus(204, send("DELETE", "/api/extensions/1077", "karaf", null));
        assertProblem(404, "not-found", null, send("GET", "/api/extensions/1077", "karaf", null));

        // every change is in the audit log with the user who made it
        Path log = Path.of(System.getProperty("karaf.log", System.getProperty("karaf.data") + "/log"), "karaf.log");
        waitFor("the audit lines in " + log, 10_000, () -> read(log).contains("user=karaf")
                && read(log).contains("DELETE /api/extensions/1077 -> 204") && read(log).contains("user=monitor"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    public void badInputGetsProblemJsonNamingTheFieldAndTheFix() {
        assertProblem(400, "malformed-json", null, send("POST", "/api/extensions", "karaf", "{\"number\": \"1079\","));
        assertProblem(400, "wrong-type", "maxDevices", send("POST", "/api/extensions", "karaf",
                "{\"number\":\"1079\",\"password\":\"rest1079pw\",\"maxDevices\":\"many\"}"));
        assertProblem(400, "unknown-field", "pin", send("POST", "/api/extensions", "karaf",
                "{\"number\":\"1079\",\"password\":\"rest1079pw\",\"pin\":\"1234\"}"));
        assertProblem(400, "missing-field", "password", send("POST", "/api/extensions", "karaf", "{\"number\":\"1079\"}"));
        assertProblem(413, "body-too-large", null, send("POST", "/api/extensions", "karaf",
                "{\"number\":\"1079\",\"displayName\":\"" + "x".repeat(70_000) + "\",\"password\":\"rest1079pw\"}"));
        assertProblem(415, "unsupported-media-type", null, send("POST", "/api/extensions", "karaf", "number=1079",
                "application/x-www-form-urlencoded"));
        assertProblem(400, "invalid-value", "limit", send("GET", "/api/cdrs?limit=-3", "monitor", null));
        assertProblem(400, "invalid-value", "since", send("GET", "/api/cdrs?since=yesterday", "monitor", null));
        assertProblem(404, "not-found", null, send("GET", "/api/no-such-thing", "monitor", null));
        HttpResponse<String> put = send("PUT", "/api/calls", "karaf", "{}");
        assertProblem(405, "method-not-allowed", null, put);
        assertEquals("GET, POST", put.headers().firstValue("Allow").orElse(""));
        assertProblem(405, "method-not-allowed", null, send("POST", "/api/events", "karaf", "{}"));
        assertFalse("nothing was added", send("GET", "/api/extensions/1079", "karaf", null).statusCode() == 200);
    }

    @Test
    public void clickToCallChecksItsInput() {
        assertProblem(400, "missing-field", "second", send("POST", "/api/calls", "karaf", "{\"first\":\"1001\"}"));
        assertProblem(400, "invalid-value", "first", send("POST", "/api/calls", "karaf",
                "{\"first\":\"10 01\",\"second\":\"1002\"}"));
        assertProblem(400, "invalid-value", "answerTimeoutSeconds", send("POST", "/api/calls", "karaf",
                "{\"first\":\"1001\",\"second\":\"1002\",\"answerTimeoutSeconds\":900}"));
        assertProblem(403, "forbidden", null, send("POST", "/api/calls", "monitor", "{\"first\":\"1001\",\"second\":\"1002\"}"));
        assertProblem(404, "not-found", null, send("DELETE", "/api/calls/no-such-call", "karaf", null));
    }

    @Test
    public void registrationsLinesTrunksAndBansAreListed() throws Exception {
        int port = PORTS.getAndIncrement();
        register("1003", port);
        try {
            HttpResponse<String> mine = send("GET", "/api/registrations/1003", "monitor", null);
            assertStatus(200, mine);
            assertTrue(mine.body(), mine.body().contains("127.0.0.1:" + port));
            assertTrue(send("GET", "/api/registrations", "monitor", null).body().contains("\"extension\":\"1003\""));
        } finally {
            unregister("1003", port);
        }
        assertTrue(send("GET", "/api/registrations/1003", "monitor", null).body().equals("[]"));
        assertEquals("[]", send("GET", "/api/lines", "monitor", null).body());
        assertEquals("[]", send("GET", "/api/trunks", "monitor", null).body());
        assertProblem(404, "not-found", null, send("GET", "/api/lines/carrier9", "monitor", null));
        assertStatus(200, send("GET", "/api/bans", "monitor", null));
        assertProblem(404, "not-found", null, send("DELETE", "/api/bans/192.0.2.44", "karaf", null));
        HttpResponse<String> doc = send("GET", "/api/openapi.json", null, null);
        assertTrue(doc.body().contains("\"openapi\":\"3.0.3\"") || doc.body().contains("\"openapi\": \"3.0.3\""));
    }

    @Test
    public void linesAndTrunksShowTheirStatusAndLineChangesAreEvents() throws Exception {
        org.osgi.service.cm.ConfigurationAdmin admin = bundleContext.getService(
                bundleContext.getServiceReference(org.osgi.service.cm.ConfigurationAdmin.class));
        org.osgi.service.cm.Configuration line = admin.getFactoryConfiguration("org.plugboard.lines", "restit", "?");
        org.osgi.service.cm.Configuration trunk = admin.getFactoryConfiguration("org.plugboard.trunks", "restit", "?");
        boolean lineDeleted = false;
        try (EventStream stream = new EventStream(null)) {
            line.update(new java.util.Hashtable<>(java.util.Map.of("name", "restline", "domain", "127.0.0.1:16399",
                    "account", "4930111", "password", "line-secret", "register", false)));
            trunk.update(new java.util.Hashtable<>(java.util.Map.of("name", "resttrunk", "peers", "127.0.0.1:16398",
                    "address", "127.0.0.1:16398", "max.outbound", "2")));
            stream.await("line.added", "\"name\":\"restline\"");
            HttpResponse<String> l = send("GET", "/api/lines/restline", "monitor", null);
            assertStatus(200, l);
            assertTrue(l.body(), l.body().contains("\"state\":\"UNREGISTERED\"") && l.body().contains("\"register\":false")
                    && !l.body().contains("line-secret"));
            waitFor("trunk resttrunk in /api/trunks", 15_000,
                    () -> send("GET", "/api/trunks", "monitor", null).body().contains("\"name\":\"resttrunk\""));
            HttpResponse<String> t = send("GET", "/api/trunks/resttrunk", "monitor", null);
            assertTrue(t.body(), t.body().contains("\"maxOutbound\":2") && t.body().contains("\"outboundCalls\":0")
                    && t.body().contains("\"peers\":[\"127.0.0.1:16398\"]"));
            line.delete();
            lineDeleted = true;
            stream.await("line.removed", "\"name\":\"restline\"");
        } finally {
            if (!lineDeleted) {
                line.delete();
            }
            trunk.delete();
            waitFor("no line nor trunk left", 15_000, () -> send("GET", "/api/lines", "monitor", null).body().equals("[]")
                    && send("GET", "/api/trunks", "monitor", null).body().equals("[]"));
        }
    }

    /**
     * Click-to-call end to end: the PBX calls 1003, then 1004, and connects them (both answer, their SDP goes through
     * the relay); the admin hangs the call up over REST, both parties get BYE, the progress is on the event stream
     * and the CDR names both parties and who originated it.
     */
    @Test
    public void clickToCallConnectsTwoSippParties() throws Exception {
        int p1 = PORTS.getAndIncrement();
        int p2 = PORTS.getAndIncrement();
        register("1003", p1);
        register("1004", p2);
        Instant before = Instant.now().minusSeconds(1);
        Sipp.Running first = sipp("calls/uas-answer.xml").server().user("1003", password("1003")).from("127.0.0.1", p1)
                .timeout(30).start();
        Sipp.Running second = sipp("calls/uas-answer.xml").server().user("1004", password("1004")).from("127.0.0.1", p2)
                .timeout(30).start();
        try (EventStream stream = new EventStream(null)) {
            HttpResponse<String> r = send("POST", "/api/calls", "karaf",
                    "{\"first\":\"1003\",\"second\":\"1004\",\"reference\":\"it-42\",\"answerTimeoutSeconds\":10}");
            assertStatus(202, r);
            assertTrue(r.body(), r.body().contains("\"reference\":\"it-42\""));
            stream.await("originate.first-answered", "it-42");
            Matcher m = Pattern.compile("\"callId\":\"([^\"]+)\"").matcher(stream.await("originate.connected", "it-42")[2]);
            assertTrue(m.find());
            String callId = m.group(1);
            HttpResponse<String> live = send("GET", "/api/calls/" + callId, "monitor", null);
            assertStatus(200, live);
            assertTrue(live.body(), live.body().contains("1003") && live.body().contains("1004"));
            assertStatus(204, send("DELETE", "/api/calls/" + callId, "karaf", null));
            stream.await("originate.ended", "it-42");
            passed("first party (1003, BYE from the PBX)", first.await());
            passed("second party (1004, BYE from the PBX)", second.await());
            stream.await("call.released", "\"tag\":\"ADMIN_HANGUP\"");
        } finally {
            first.kill(); // no-ops once they passed; a failed test leaves no SIPp behind
            second.kill();
            unregister("1003", p1);
            unregister("1004", p2);
        }
        String query = "/api/cdrs?extension=1004&tag=ADMIN_HANGUP&since=" + before;
        waitFor("the CDR in " + query, 10_000, () -> send("GET", query, "monitor", null).body().contains("Originated by"));
        HttpResponse<String> cdrs = send("GET", query, "monitor", null);
        assertStatus(200, cdrs);
        assertTrue(cdrs.body(), cdrs.body().contains("\"caller\":\"1003\"") && cdrs.body().contains("\"callee\":\"1004\"")
                && cdrs.body().contains("\"disposition\":\"ANSWERED\"") && cdrs.body().contains("Originated by rest:karaf"));
    }

    /**
     * Blind transfer over REST: 1001 (SIPp caller) talks to 1002; the caller's party is transferred to 1003, which
     * answers; 1002 gets BYE, 1001's BYE reaches 1003, and the stream says call.party-replaced.
     */
    @Test
    public void transferMovesACallersPartyToANumber() throws Exception {
        if (!features.isInstalled(features.getFeature("pbx-transfer"))) {
            features.installFeature("pbx-transfer");
        }
        int p2 = PORTS.getAndIncrement();
        int p3 = PORTS.getAndIncrement();
        register("1002", p2);
        register("1003", p3);
        Sipp.Running bob = sipp("calls/uas-answer.xml").server().user("1002", password("1002")).from("127.0.0.1", p2)
                .timeout(30).start();
        Sipp.Running carol = sipp("calls/uas-answer.xml").server().user("1003", password("1003")).from("127.0.0.1", p3)
                .timeout(30).start();
        Sipp.Running alice = null;
        try (EventStream stream = new EventStream(null)) {
            alice = sipp("calls/uac-call.xml").user("1001", password("1001")).service("1002").key("caller", "1001")
                    .key("hold_ms", "8000").from("127.0.0.1", PORTS.getAndIncrement()).timeout(30).start();
            Matcher m = Pattern.compile("\"call\":\\{\"id\":\"([^\"]+)\"")
                    .matcher(stream.await("call.answered", "\"callee\":\"1002\"")[2]);
            assertTrue(m.find());
            String callId = m.group(1);
            String path = "/api/calls/" + callId + "/transfer";
            assertProblem(400, "invalid-value", "party", send("POST", path, "karaf", "{\"party\":\"both\",\"target\":\"1003\"}"));
            assertStatus(403, send("POST", path, "monitor", "{\"party\":\"caller\",\"target\":\"1003\"}"));
            HttpResponse<String> r = send("POST", path, "karaf", "{\"party\":\"caller\",\"target\":\"1003\"}");
            assertStatus(202, r);
            assertTrue(r.body(), r.body().contains("\"target\":\"1003\""));
            String[] replaced = stream.await("call.party-replaced", callId);
            assertTrue(replaced[2], replaced[2].contains("1003"));
            passed("callee 1002 (BYE once 1003 answered)", bob.await());
            passed("caller 1001 (its BYE after the hold)", alice.await());
            passed("target 1003 (answered, BYE from 1001)", carol.await());
            stream.await("call.released", callId);
            assertProblem(404, "not-found", null, send("POST", path, "karaf", "{\"party\":\"caller\",\"target\":\"1003\"}"));
        } finally {
            bob.kill();
            carol.kill();
            if (alice != null) {
                alice.kill();
            }
            unregister("1002", p2);
            unregister("1003", p3);
        }
    }

    // ---- event stream -------------------------------------------------------------------------------------

    /** An open event stream collecting its events ("id event data") until closed. */
    private final class EventStream implements AutoCloseable {
        final List<String[]> events = new CopyOnWriteArrayList<>();
        final Stream<String> lines;
        final Thread reader;

        EventStream(String lastEventId) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + "/api/events"))
                    .header("Authorization", basic("monitor", "monitor"));
            if (lastEventId != null) {
                b.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<Stream<String>> r = http.send(b.build(), HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            lines = r.body();
            reader = new Thread(() -> {
                List<String> frame = new ArrayList<>();
                try {
                    lines.forEach(line -> {
                        if (!line.isEmpty()) {
                            frame.add(line);
                            return;
                        }
                        Matcher m = EVENT.matcher(String.join("\n", frame));
                        if (m.matches()) {
                            events.add(new String[] {m.group(1), m.group(2), m.group(3)});
                        }
                        frame.clear();
                    });
                } catch (RuntimeException e) {
                    // closed by the test
                }
            }, "rest-it-sse");
            reader.setDaemon(true);
            reader.start();
        }

        String[] await(String type, String contains) throws InterruptedException {
            waitFor("event " + type + " with " + contains + " in " + types(), 20_000, () -> find(type, contains) != null);
            return find(type, contains);
        }

        String[] find(String type, String contains) {
            return events.stream().filter(e -> e[1].equals(type) && e[2].contains(contains)).findFirst().orElse(null);
        }

        List<String> types() {
            return events.stream().map(e -> e[0] + ":" + e[1]).toList();
        }

        @Override
        public void close() {
            lines.close();
        }
    }

    @Test
    public void theEventStreamFollowsASippCallAndResumesAfterReconnecting() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        String created;
        String released;
        try (EventStream stream = new EventStream(null)) {
            int calleePort = PORTS.getAndIncrement();
            register("1002", calleePort);
            Sipp.Running callee = sipp("calls/uas-answer.xml").server().user("1002", password("1002"))
                    .from("127.0.0.1", calleePort).timeout(25).start();
            Sipp.Result caller = sipp("calls/uac-call.xml").user("1001", password("1001")).service("1002")
                    .key("caller", "1001").key("hold_ms", "500").from("127.0.0.1", PORTS.getAndIncrement()).timeout(20).run();
            passed("caller", caller);
            passed("callee", callee.await());
            unregister("1002", calleePort);

            stream.await("registration.added", "\"extension\":\"1002\"");
            created = stream.await("call.created", "\"caller\":\"1001\"")[0];
            String[] answered = stream.await("call.answered", "\"callee\":\"1002\"");
            String[] end = stream.await("call.released", "\"tag\":\"CALLER_BYE\"");
            released = end[0];
            assertTrue(end[2], end[2].contains("\"disposition\":\"ANSWERED\"") && end[2].contains("\"type\":\"call.released\""));
            assertTrue("ids grow: " + stream.types(), Long.parseLong(created) < Long.parseLong(answered[0])
                    && Long.parseLong(answered[0]) < Long.parseLong(released));
            stream.await("registration.removed", "\"extension\":\"1002\"");
        }
        // the call's record, by extension and time range, as JSON and CSV
        String query = "?extension=1002&since=" + before + "&tag=CALLER_BYE";
        HttpResponse<String> cdrs = send("GET", "/api/cdrs" + query, "monitor", null);
        assertStatus(200, cdrs);
        assertTrue(cdrs.body(), cdrs.body().contains("\"caller\":\"1001\"") && cdrs.body().contains("\"disposition\":\"ANSWERED\""));
        HttpResponse<String> csv = send("GET", "/api/cdrs.csv" + query, "monitor", null);
        assertTrue(csv.body(), csv.body().startsWith("id,callId,caller") && csv.body().contains(",1001,1002,"));

        // a client that reconnects after call.created gets the rest of the call again, with the same ids
        try (EventStream resumed = new EventStream(created)) {
            assertEquals(released, resumed.await("call.released", "\"callee\":\"1002\"")[0]);
            assertTrue(resumed.types().toString(), resumed.find("call.created", "") == null);
        }
        // one whose position is gone (or from an earlier run) is told to reload
        try (EventStream lost = new EventStream("5")) {
            lost.await("reset", "reload the state");
        }
    }
}
