package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
 * What the web page needs of the REST API, over real HTTP against the distribution, logged in as the page is (the
 * PBXSESSION cookie, no Basic): the session and its CSRF guard, the event stream on the cookie, capabilities that
 * follow a feature install, IVR uploads validated with their line, the SIP ladder of a SIPp call and the call charts.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RestWebIT extends PbxTestSupport {
    static final int HTTP_PORT = 18182;
    static final String PAGE = "plugboard-web";
    private static final AtomicInteger PORTS = new AtomicInteger(16340);
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
        if (!features.isInstalled(features.getFeature("pbx-rest"))) {
            // without refreshing: a refresh would restart H2 and the core bundles (feature:install -r)
            features.installFeature("pbx-rest", java.util.EnumSet.of(
                    org.apache.karaf.features.FeaturesService.Option.NoAutoRefreshBundles));
        }
        waitFor("the REST API to answer", 60_000, () -> send("GET", "/api/openapi.json", null, null, null, null).statusCode() == 200);
        // the features service current now (should a refresh have replaced it)
        features = bundleContext.getService(bundleContext.getServiceReference(
                org.apache.karaf.features.FeaturesService.class));
        coreCommandsRegistered();
    }

    // ---- HTTP as the page sends it ------------------------------------------------------------------------

    private HttpResponse<String> send(String method, String path, String cookie, String requestedWith, String body,
            String type) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", type);
        }
        if (cookie != null) {
            b.header("Cookie", "theme=dark; PBXSESSION=" + cookie);
        }
        if (requestedWith != null) {
            b.header("X-Requested-With", requestedWith);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        }
    }

    /** A request of the logged-in page: cookie and its header. */
    private HttpResponse<String> page(String method, String path, String cookie, String json) {
        return send(method, path, cookie, PAGE, json, "application/json");
    }

    /** Logs in like the page; the session token. */
    private String login(String user, String password) {
        HttpResponse<String> r = send("POST", "/api/session", null, null,
                "{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}", "application/json");
        assertStatus(200, r);
        String set = r.headers().firstValue("Set-Cookie").orElse("");
        assertTrue(set, set.startsWith("PBXSESSION=") && set.contains("HttpOnly") && set.contains("SameSite=Strict")
                && set.contains("Path=/api"));
        return set.substring("PBXSESSION=".length(), set.indexOf(';'));
    }

    private static void assertStatus(int status, HttpResponse<String> r) {
        assertEquals(r.request().method() + " " + r.request().uri() + ": " + r.body(), status, r.statusCode());
    }

    private static void assertProblem(int status, String type, HttpResponse<String> r) {
        assertStatus(status, r);
        assertTrue(r.body(), r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                && r.body().contains("\"type\":\"/api/problems/" + type + "\""));
    }

    // ---- session ------------------------------------------------------------------------------------------

    @Test
    public void theSessionCookieWorksEverywhereAndChangesNeedThePageHeader() throws Exception {
        String admin = login("karaf", "karaf");
        HttpResponse<String> who = send("GET", "/api/session", admin, null, null, null);
        assertStatus(200, who);
        assertTrue(who.body(), who.body().contains("\"user\":\"karaf\"") && who.body().contains("\"via\":\"cookie\"")
                && who.body().contains("\"mayChange\":true"));
        assertStatus(200, send("GET", "/api/extensions", admin, null, null, null));
        try (EventStream stream = new EventStream(admin)) {
            send("DELETE", "/api/extensions/1087", null, null, null, null);
            String add = "{\"number\":\"1087\",\"password\":\"web1087pw\",\"displayName\":\"Web Test\"}";
            assertProblem(403, "csrf", send("POST", "/api/extensions", admin, null, add, "application/json"));
            assertProblem(403, "csrf", send("POST", "/api/extensions", admin, "XMLHttpRequest", add, "application/json"));
            assertProblem(404, "not-found", send("GET", "/api/extensions/1087", admin, null, null, null));
            assertStatus(201, page("POST", "/api/extensions", admin, add));
            assertTrue(command("pbx:ext-list"), command("pbx:ext-list").contains("Web Test"));
            assertStatus(204, page("DELETE", "/api/extensions/1087", admin, null));
            assertTrue("the stream is open on the cookie alone", stream.open);
        }
        String viewer = login("monitor", "monitor");
        assertProblem(403, "forbidden", page("DELETE", "/api/extensions/1001", viewer, null));

        assertProblem(403, "csrf", send("DELETE", "/api/session", admin, null, null, null));
        HttpResponse<String> out = page("DELETE", "/api/session", admin, null);
        assertStatus(204, out);
        assertTrue(out.headers().firstValue("Set-Cookie").orElse("").contains("Max-Age=0"));
        HttpResponse<String> after = send("GET", "/api/extensions", admin, PAGE, null, null);
        assertProblem(401, "unauthorized", after);
        assertFalse("no browser dialog for the page", after.headers().firstValue("WWW-Authenticate").isPresent());
        assertEquals(401, send("GET", "/api/events", admin, null, null, null).statusCode());
        assertProblem(401, "unauthorized", send("POST", "/api/session", null, null,
                "{\"user\":\"karaf\",\"password\":\"wrong\"}", "application/json"));
    }

    // ---- capabilities and IVR files -----------------------------------------------------------------------

    private static final String VALID_IVR = """
            <ivr number="577">
              <menu name="main">
                <collect max="1" retries="0">
                  <on digits="1"><transfer to="1001"/></on>
                </collect>
              </menu>
            </ivr>
            """;
    private static final String INVALID_IVR = "<ivr number=\"578\">\n  <menu name=\"main\">\n    <nonsense/>\n  </menu>\n</ivr>\n";

    @Test
    public void capabilitiesFollowTheIvrFeatureAndAnInvalidIvrUploadNamesItsLine() throws Exception {
        String admin = login("karaf", "karaf");
        HttpResponse<String> caps = page("GET", "/api/capabilities", admin, null);
        assertStatus(200, caps);
        assertTrue(caps.body(), caps.body().contains("{\"name\":\"calls\",\"feature\":\"pbx-calls\"}"));
        if (!features.isInstalled(features.getFeature("pbx-ivr"))) {
            assertFalse(caps.body(), caps.body().contains("ivr-files"));
            assertProblem(503, "service-unavailable", page("GET", "/api/ivr/files", admin, null));
            try (EventStream stream = new EventStream(admin)) {
                features.installFeature("pbx-ivr");
                stream.await("capabilities.changed", "\"name\":\"ivr-files\",\"feature\":\"pbx-ivr\"");
            }
        }
        assertTrue(page("GET", "/api/capabilities", admin, null).body().contains("\"name\":\"ivr\""));

        HttpResponse<String> bad = send("PUT", "/api/ivr/files/webit", admin, PAGE, INVALID_IVR, "application/xml");
        assertProblem(400, "invalid-ivr", bad);
        assertTrue(bad.body(), bad.body().contains("\"line\":3") && bad.body().contains("\"column\":"));
        assertProblem(404, "not-found", page("GET", "/api/ivr/files/webit", admin, null));
        assertFalse(command("pbx:ivr-list"), command("pbx:ivr-list").contains("webit"));

        assertStatus(201, send("PUT", "/api/ivr/files/webit", admin, PAGE, VALID_IVR, "application/xml"));
        assertTrue("in service at once", command("pbx:ivr-list").contains("webit"));
        assertEquals(VALID_IVR, page("GET", "/api/ivr/files/webit", admin, null).body());
        assertTrue(page("GET", "/api/ivr/files", admin, null).body().contains("\"name\":\"webit\""));
        assertProblem(400, "invalid-ivr", send("PUT", "/api/ivr/files/webit", admin, PAGE, INVALID_IVR, "application/xml"));
        assertEquals("the refused upload left the file as it was", VALID_IVR,
                page("GET", "/api/ivr/files/webit", admin, null).body());
        assertTrue(page("GET", "/api/ivr/schema", admin, null).body().contains("schema"));
        assertStatus(204, page("DELETE", "/api/ivr/files/webit", admin, null));
        waitFor("IVR webit out of service", 10_000, () -> !command("pbx:ivr-list").contains("webit"));
    }

    // ---- per-extension service settings -------------------------------------------------------------------

    @Test
    public void forwardingIsSetOverRestAsTheConsoleWouldAndBadTargetsNameTheirField() throws Exception {
        ensureFeature(features, "pbx-forwarding", "pbx:fwd-list", "with forwarding settings");
        String admin = login("karaf", "karaf");
        waitFor("ForwardingSettings behind /api/extensions/1003/forwarding", 30_000,
                () -> page("GET", "/api/extensions/1003/forwarding", admin, null).statusCode() == 200);
        HttpResponse<String> self = page("PUT", "/api/extensions/1003/forwarding", admin, "{\"busy\":\"1003\"}");
        assertProblem(400, "invalid-value", self);
        assertTrue(self.body(), self.body().contains("\"field\":\"busy\""));
        assertProblem(400, "invalid-value", page("PUT", "/api/extensions/1003/forwarding", admin,
                "{\"unreachable\":\"004930555\"}"));
        HttpResponse<String> set = page("PUT", "/api/extensions/1003/forwarding", admin,
                "{\"busy\":\"1004\",\"noAnswer\":\"1004\",\"noAnswerSeconds\":12}");
        assertStatus(200, set);
        try {
            String list = command("pbx:fwd-list");
            assertTrue(list, list.contains("1003") && list.contains("1004"));
            assertTrue(page("GET", "/api/extensions/1003/forwarding", admin, null).body().contains("\"noAnswerSeconds\":12"));
            assertProblem(404, "not-found", page("GET", "/api/extensions/9999/forwarding", admin, null));
        } finally {
            assertStatus(200, page("PUT", "/api/extensions/1003/forwarding", admin, "{}"));
        }
    }

    @Test
    public void screeningAndTheVoicemailPinAreSetOverRestAsTheConsoleSeesThemAndBadFieldsAreNamed() throws Exception {
        ensureFeature(features, "pbx-screening", "pbx:screen-list", "entr");
        ensureFeature(features, "pbx-voicemail", "pbx:vm-list", "Mailbox");
        String admin = login("karaf", "karaf");
        waitFor("ScreeningSettings and VoicemailSettings behind the routes", 30_000,
                () -> page("GET", "/api/extensions/1003/screening", admin, null).statusCode() == 200
                        && page("GET", "/api/extensions/1003/voicemail", admin, null).statusCode() == 200);
        HttpResponse<String> bad = page("PUT", "/api/extensions/1003/screening", admin,
                "{\"entries\":[{\"kind\":\"black\",\"caller\":\"0900\"},{\"kind\":\"black\",\"caller\":\"09x\"}]}");
        assertProblem(400, "invalid-value", bad);
        assertTrue(bad.body(), bad.body().contains("\"field\":\"entries[1].caller\""));
        assertTrue("nothing saved", command("pbx:screen-list 1003").contains("0 entries"));
        try {
            assertStatus(200, page("PUT", "/api/extensions/1003/screening", admin,
                    "{\"refuseAnonymous\":true,\"entries\":[{\"kind\":\"black\",\"caller\":\"0900\",\"rate\":40}]}"));
            String list = command("pbx:screen-list 1003");
            assertTrue(list, list.contains("0900") && list.contains("40") && list.contains("refused by: 1003"));
        } finally {
            assertStatus(200, page("PUT", "/api/extensions/1003/screening", admin, "{}"));
        }
        HttpResponse<String> pin = page("PUT", "/api/extensions/1003/voicemail", admin, "{\"pin\":\"12\"}");
        assertProblem(400, "invalid-value", pin);
        assertTrue(pin.body(), pin.body().contains("\"field\":\"pin\""));
        HttpResponse<String> set = page("PUT", "/api/extensions/1003/voicemail", admin, "{\"pin\":\"4711\"}");
        assertStatus(200, set);
        assertTrue(set.body(), set.body().contains("\"pinSet\":true") && !set.body().contains("4711"));
        String show = command("pbx:vm-show 1003");
        assertTrue(show, show.contains("PIN:        set"));
    }

    // ---- SIP ladder and charts ----------------------------------------------------------------------------

    /**
     * The ladder of the ENDED call as the CDR search (caller's Call-ID) and the dashboard (call id) open it, with no
     * 'also': the PBX finds the callee's leg in the call's stored record, so the callee's 180 and 200 are there
     * (regression: only the caller's leg was shown once the call had ended).
     */
    private void endedCallsLadderHasBothLegs(String admin, String released) throws Exception {
        Matcher cdr = Pattern.compile("\"id\":\"([^\"]+)\",\"callId\":\"([^\"]+)\",\"caller\":\"1001\",\"callee\":\"1002\"")
                .matcher(released);
        assertTrue(released, cdr.find());
        String ref = cdr.group(1);
        String caller = cdr.group(2);
        Matcher legs = Pattern.compile("\"legCallIds\":\\[\"" + Pattern.quote(caller) + "\",\"([^\"]+)\"\\]").matcher(released);
        assertTrue("the record names both legs, the caller's first: " + released, legs.find());
        String callee = legs.group(1);
        waitFor("the call's record stored with both legs", 10_000, () -> page("GET", "/api/cdrs?extension=1002&limit=5", admin, null)
                .body().contains("\"legCallIds\":[\"" + caller + "\",\"" + callee + "\"]"));
        for (String id : new String[] {caller, ref}) {
            String b = page("GET", "/api/trace/calls/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"), admin,
                    null).body();
            String fromCallee = "\"callId\":\"" + callee + "\",\"firstLine\":\"SIP/2.0 ";
            int ringing = b.indexOf(fromCallee + "180 ");
            int ok = b.indexOf(fromCallee + "200 OK");
            int answer = b.indexOf("\"callId\":\"" + caller + "\",\"firstLine\":\"SIP/2.0 200 OK");
            // Both legs, and the caller is answered after the callee: the relay's order. The callee's 180 and 200
            // are not compared: SIPp sends them within a millisecond, the stack reads datagrams on several threads
            // and the trace stamps an inbound message when it is processed, not when it arrived (known, in the note).
            assertTrue("by " + id + ": " + b, ringing >= 0 && ok >= 0 && ok < answer);
        }
    }

    @Test
    public void aSippCallsLadderAndTheCallChartsCome() throws Exception {
        String admin = login("karaf", "karaf");
        assertProblem(403, "csrf", send("PUT", "/api/trace", admin, null, "{\"enabled\":true}", "application/json"));
        assertStatus(200, page("PUT", "/api/trace", admin, "{\"enabled\":true}"));
        try (EventStream stream = new EventStream(admin)) {
            int calleePort = PORTS.getAndIncrement();
            register("1002", calleePort);
            Sipp.Running callee = sipp("calls/uas-answer.xml").server().user("1002", password("1002"))
                    .from("127.0.0.1", calleePort).timeout(25).start();
            Sipp.Result caller = sipp("calls/uac-call.xml").user("1001", password("1001")).service("1002")
                    .key("caller", "1001").key("hold_ms", "300").from("127.0.0.1", PORTS.getAndIncrement()).timeout(20).run();
            Sipp.Result answered = callee.await(); // first: a failed call then shows the callee's side too
            passed("callee", answered);
            passed("caller", caller);
            unregister("1002", calleePort);
            String released = stream.await("call.released", "\"callee\":\"1002\"")[2];
            List<String> legs = new ArrayList<>();
            Matcher m = Pattern.compile("\"callId\":\"([^\"]+)\"").matcher(released);
            while (m.find()) {
                if (!legs.contains(m.group(1))) {
                    legs.add(m.group(1));
                }
            }
            assertTrue(released, legs.size() >= 2);
            String path = "/api/trace/calls/" + URLEncoder.encode(legs.get(0), StandardCharsets.UTF_8).replace("+", "%20")
                    + "?also=" + URLEncoder.encode(legs.get(1), StandardCharsets.UTF_8);
            HttpResponse<String> ladder = page("GET", path, admin, null);
            assertStatus(200, ladder);
            String b = ladder.body();
            assertTrue(b, b.contains("\"direction\":\"in\"") && b.contains("\"direction\":\"out\""));
            assertTrue(b, b.indexOf("\"firstLine\":\"INVITE ") < b.indexOf("\"firstLine\":\"SIP/2.0 200 OK\"")
                    && b.indexOf("\"firstLine\":\"SIP/2.0 200 OK\"") < b.lastIndexOf("\"firstLine\":\"BYE "));
            assertTrue(b, b.contains("\"callId\":\"" + legs.get(1) + "\""));
            endedCallsLadderHasBothLegs(admin, released);
        } finally {
            assertStatus(200, page("PUT", "/api/trace", admin, "{\"enabled\":false}"));
        }
        assertTrue(command("pbx:sip-trace"), page("GET", "/api/trace", admin, null).body().contains("\"enabled\":false"));
        waitFor("the call in the per-minute stats", 10_000, () -> {
            String s = page("GET", "/api/stats/calls?minutes=5", admin, null).body();
            return Pattern.compile("\"answered\":[1-9]").matcher(s).find() && Pattern.compile("\"setupMillisP50\":\\d").matcher(s).find();
        });
        HttpResponse<String> stats = page("GET", "/api/stats/calls?minutes=5", admin, null);
        assertEquals(stats.body(), 5, stats.body().split("\"minute\":").length - 1);
        assertProblem(400, "invalid-value", page("GET", "/api/stats/calls?minutes=0", admin, null));
    }

    // ---- the event stream on the cookie -------------------------------------------------------------------

    /** An event stream opened with the session cookie only (as EventSource does), collecting its events. */
    private final class EventStream implements AutoCloseable {
        final List<String[]> events = new CopyOnWriteArrayList<>();
        final Stream<String> lines;
        final boolean open;

        EventStream(String cookie) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + "/api/events"))
                    .header("Cookie", "PBXSESSION=" + cookie).build();
            HttpResponse<Stream<String>> r = http.send(request, HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            open = true;
            lines = r.body();
            Thread reader = new Thread(() -> {
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
            }, "rest-web-it-sse");
            reader.setDaemon(true);
            reader.start();
        }

        String[] await(String type, String contains) throws InterruptedException {
            waitFor("event " + type + " with " + contains + " in " + events.stream().map(e -> e[1]).toList(), 30_000,
                    () -> find(type, contains) != null);
            String[] e = find(type, contains);
            assertNotNull(e);
            return e;
        }

        String[] find(String type, String contains) {
            return events.stream().filter(e -> e[1].equals(type) && e[2].contains(contains)).findFirst().orElse(null);
        }

        @Override
        public void close() {
            lines.close();
        }
    }
}
