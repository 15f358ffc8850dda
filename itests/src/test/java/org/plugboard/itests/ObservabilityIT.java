package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.ConfigurationAdmin;
import org.plugboard.api.calls.CallControl;

/**
 * Metrics, health and SIP capture (feature pbx-metrics, installed live; HEP and pcap in the sip bundle) against real
 * SIPp runs: a scrape before and after N REGISTERs and M calls moves the counters by exactly what SIPp sent; /health
 * is 200, and 503 naming the check when the media relay's bundle is stopped or SIP is pointed at a port it cannot
 * bind; a UDP collector of the test receives HEP3 packets of a registration; {@code pbx:sip-trace pcap} with an
 * extension filter writes a file tshark reads with the call's messages and nothing of another extension.
 * SIP client ports 17900-17949; HTTP on 18181.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ObservabilityIT extends PbxTestSupport {
    private static final int HTTP_PORT = 18181;
    private static final AtomicInteger PORTS = new AtomicInteger(17900);

    @Inject
    @Filter(timeout = 60_000)
    protected CallControl calls;

    @Inject
    protected ConfigurationAdmin configAdmin;

    @Override
    protected Option[] extraOptions() {
        return new Option[] {editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port",
                Integer.toString(HTTP_PORT))};
    }

    @Before
    public void installMetrics() throws Exception {
        if (!features.isInstalled(features.getFeature("pbx-metrics"))) {
            // as the README says: without a refresh, else H2 (optional javax.servlet import) and the database go down
            features.installFeature("pbx-metrics", java.util.EnumSet.of(org.apache.karaf.features.FeaturesService.Option.NoAutoRefreshBundles));
        }
        waitFor("/health to answer 200", 60_000, () -> get("/health").status() == 200);
    }

    @After
    public void noCallLeft() throws Exception {
        assertNoCallLeftBehind(calls);
    }

    // ---- /metrics --------------------------------------------------------------------------------------------

    @Test
    public void scrapeCountersMoveByWhatSippSent() throws Exception {
        int registrations = 3;
        int callCount = 2;
        Map<String, Double> before = scrape();
        for (int i = 0; i < registrations; i++) {
            register("1003", PORTS.getAndIncrement(), 60);
        }
        int calleePort = PORTS.getAndIncrement();
        register("1002", calleePort);
        Sipp.Running callee = sipp("calls/uas-answer.xml").server().user("1002", password("1002"))
                .from("127.0.0.1", calleePort).calls(callCount).timeout(40).start();
        for (int i = 0; i < callCount; i++) {
            passed("call " + i, sipp("calls/uac-call.xml").user("1001", password("1001")).service("1002").key("caller", "1001")
                    .key("hold_ms", "200").from("127.0.0.1", PORTS.getAndIncrement()).timeout(20).run());
        }
        passed("callee", callee.await());
        Map<String, Double> mid = scrape();
        unregister("1002", calleePort);
        // 1003 keeps one device (a new one replaces the oldest), and the callee 1002 was still there
        assertTrue("registrations " + mid, mid.get("plugboard_registrations") >= 2);
        assertTrue("registered extensions " + mid, mid.get("plugboard_registered_extensions") >= 2);
        waitFor("the calls' outcomes in /metrics", 10_000,
                () -> delta(before, scrapeQuietly(), "plugboard_calls_total{outcome=\"CALLER_BYE\"}") == callCount);
        Map<String, Double> after = scrape();
        int registers = registrations + 2; // 1003 three times, 1002 on and off
        assertEquals(registers, delta(before, after, out("REGISTER", 401)), 0);
        assertEquals(registers, delta(before, after, out("REGISTER", 200)), 0);
        assertTrue(delta(before, after, "plugboard_sip_requests_total{direction=\"in\",method=\"REGISTER\"}") >= 2 * registers);
        assertEquals(callCount, delta(before, after, "plugboard_calls_created_total"), 0);
        assertEquals(callCount, delta(before, after, "plugboard_calls_answered_total"), 0);
        assertEquals(callCount, delta(before, after, "plugboard_call_setup_seconds_count"), 0);
        assertEquals(callCount, delta(before, after, out("INVITE", 200)), 0); // to the caller
        assertEquals(callCount, delta(before, after, "plugboard_sip_responses_total{direction=\"in\",method=\"INVITE\",status=\"200\"}"), 0);
        assertEquals(callCount, delta(before, after, "plugboard_sip_requests_total{direction=\"out\",method=\"INVITE\"}"), 0);
        assertEquals(callCount, delta(before, after, "plugboard_sip_requests_total{direction=\"out\",method=\"BYE\"}"), 0);
        assertEquals(0, after.get("plugboard_calls_live{state=\"CONNECTED\"}"), 0);
        waitFor("the CDRs stored (queue depth 0)", 10_000, () -> scrapeQuietly().getOrDefault("plugboard_cdr_queue_depth", -1.0) == 0);
        assertTrue(after.containsKey("jvm_memory_used_bytes{area=\"heap\"}"));
        assertTrue(after.containsKey("plugboard_media_packets_total{direction=\"in\"}"));
        assertEquals(0, after.get("plugboard_metrics_source_failures"), 0);
        assertEquals(0, after.get("plugboard_metrics_rejected_samples"), 0);
    }

    private static String out(String method, int status) {
        return "plugboard_sip_responses_total{direction=\"out\",method=\"" + method + "\",status=\"" + status + "\"}";
    }

    // ---- /health ---------------------------------------------------------------------------------------------

    @Test
    public void healthFailsNamingTheMediaEngineWhileItsBundleIsStopped() throws Exception {
        Http ok = get("/health");
        assertEquals(ok.body(), 200, ok.status());
        assertTrue(ok.body(), ok.body().contains("\"name\":\"media\",\"status\":\"UP\""));
        assertTrue(ok.body(), ok.body().contains("\"name\":\"sip\",\"status\":\"UP\",\"reason\":\"listening on udp 127.0.0.1:" + SIP_PORT));
        assertTrue(ok.body(), ok.body().contains("\"name\":\"database\",\"status\":\"UP\""));
        Bundle media = bundleOf("org.plugboard.media");
        media.stop();
        try {
            waitFor("/health 503", 20_000, () -> get("/health").status() == 503);
            Http down = get("/health");
            assertTrue(down.body(), down.body().contains("\"status\":\"DOWN\""));
            assertTrue(down.body(), down.body().contains("\"name\":\"media\",\"status\":\"DOWN\",\"reason\":\"no media engine is registered"));
            assertTrue(down.body(), down.body().contains("\"name\":\"sip\",\"status\":\"UP\""));
        } finally {
            media.start();
        }
        waitFor("/health 200 again", 30_000, () -> get("/health").status() == 200);
    }

    @Test
    public void healthFailsNamingSipWhenItsPortIsTaken() throws Exception {
        try (DatagramSocket squatter = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            setSipPort(squatter.getLocalPort());
            try {
                waitFor("/health 503 for sip", 30_000, () -> get("/health").status() == 503);
                Http down = get("/health");
                assertTrue(down.body(), down.body().contains("\"name\":\"sip\",\"status\":\"DOWN\""));
            } finally {
                setSipPort(SIP_PORT);
            }
        }
        waitFor("/health 200 with SIP back on " + SIP_PORT, 30_000, () -> get("/health").status() == 200
                && get("/health").body().contains("127.0.0.1:" + SIP_PORT));
    }

    private void setSipPort(int port) throws IOException {
        setConfig("org.plugboard.sip", "port", Integer.toString(port));
    }

    private void setConfig(String pid, String key, String value) throws IOException {
        org.osgi.service.cm.Configuration c = configAdmin.getConfiguration(pid, null);
        java.util.Dictionary<String, Object> p = c.getProperties() == null ? new java.util.Hashtable<>() : c.getProperties();
        p.put(key, value);
        c.update(p);
    }

    // ---- capture ---------------------------------------------------------------------------------------------

    @Test
    public void hepCollectorReceivesTheRegistrationsMessages() throws Exception {
        try (DatagramSocket collector = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            collector.setSoTimeout(10_000);
            // the HEP component registers no service: its state shows in pbx:sip-trace
            setConfig("org.plugboard.sip.hep", "collector", "127.0.0.1:" + collector.getLocalPort());
            waitFor("HEP on in pbx:sip-trace", 10_000,
                    () -> command("pbx:sip-trace").contains("HEP:   to /127.0.0.1:" + collector.getLocalPort()));
            int port = PORTS.getAndIncrement();
            register("1004", port, 60);
            List<String> payloads = new ArrayList<>();
            List<Integer> srcPorts = new ArrayList<>();
            Map<String, Long> stamps = new HashMap<>();
            // the collector gets every message; keep the four of this registration
            while (payloads.stream().filter(p -> p.contains("sip:1004@")).count() < 4) {
                DatagramPacket d = new DatagramPacket(new byte[65535], 65535);
                collector.receive(d);
                Map<Integer, byte[]> chunks = hep3(d.getData(), d.getLength());
                assertEquals(1, chunks.get(0x0b)[0]); // SIP
                assertEquals(2, chunks.get(0x01)[0]); // IPv4
                assertEquals(17, chunks.get(0x02)[0]); // UDP
                String payload = new String(chunks.get(0x0f), StandardCharsets.UTF_8);
                payloads.add(payload);
                stamps.put(payload, (ByteBuffer.wrap(chunks.get(0x09)).getInt() & 0xffffffffL) * 1_000_000
                        + (ByteBuffer.wrap(chunks.get(0x0a)).getInt() & 0xffffffffL));
                srcPorts.add(ByteBuffer.wrap(chunks.get(0x07)).getShort() & 0xffff);
                String callId = new String(chunks.get(0x11), StandardCharsets.UTF_8);
                assertTrue(payload, payload.contains("Call-ID: " + callId));
            }
            // in the order of their HEP time stamps, as a collector shows them: two threads may send a 401 and the
            // client's next REGISTER to the collector in either order
            List<String> firstLines = payloads.stream().filter(p -> p.contains("sip:1004@"))
                    .sorted(java.util.Comparator.comparingLong(stamps::get)).map(p -> p.lines().findFirst().orElse(""))
                    .toList();
            assertTrue(firstLines.toString(), firstLines.get(0).startsWith("REGISTER "));
            assertTrue(firstLines.toString(), firstLines.get(1).startsWith("SIP/2.0 401"));
            assertTrue(firstLines.toString(), firstLines.get(2).startsWith("REGISTER "));
            assertTrue(firstLines.toString(), firstLines.get(3).startsWith("SIP/2.0 200"));
            assertTrue(srcPorts.toString(), srcPorts.contains(port) && srcPorts.contains(SIP_PORT));
            assertTrue(scrape().get("plugboard_sip_hep_sent_total") >= 4);
        } finally {
            setConfig("org.plugboard.sip.hep", "collector", "");
            waitFor("HEP off", 10_000, () -> command("pbx:sip-trace").contains("HEP:   off"));
        }
    }

    @Test
    public void pcapWithAnExtensionFilterHoldsTheCallForTshark() throws Exception {
        Path file = Path.of(System.getProperty("karaf.data"), "obs-" + System.nanoTime() + ".pcap");
        String started = command("pbx:sip-trace pcap " + file + " -e 1001");
        assertTrue(started, started.contains("Writing SIP messages (extension 1001) to " + file));
        int calleePort = PORTS.getAndIncrement();
        register("1002", calleePort); // not 1001: stays out of the file
        Sipp.Running callee = sipp("calls/uas-answer.xml").server().user("1002", password("1002")).from("127.0.0.1", calleePort)
                .timeout(30).start();
        Sipp.Result caller = sipp("calls/uac-call.xml").user("1001", password("1001")).service("1002").key("caller", "1001")
                .key("hold_ms", "200").from("127.0.0.1", PORTS.getAndIncrement()).timeout(20).run();
        passed("caller", caller);
        passed("callee", callee.await());
        String stopped = command("pbx:sip-trace pcap off");
        assertTrue(stopped, stopped.contains("Pcap stopped: " + file));
        unregister("1002", calleePort);
        Process tshark = new ProcessBuilder("tshark", "-r", file.toString(), "-Y", "sip", "-T", "fields", "-e", "sip.Method",
                "-e", "sip.Status-Code", "-e", "sip.from.user").redirectErrorStream(false).start();
        String out;
        try (InputStream in = tshark.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals("tshark exit", 0, tshark.waitFor());
        List<String> rows = out.lines().toList();
        // both legs of the call from 1001: INVITE in and out, 200 in and out, ACKs and BYEs
        assertTrue(out, rows.stream().filter(r -> r.startsWith("INVITE\t")).count() >= 2);
        assertTrue(out, rows.stream().filter(r -> r.startsWith("BYE\t")).count() >= 2);
        assertTrue(out, rows.stream().filter(r -> r.startsWith("ACK\t")).count() >= 2);
        assertTrue(out, rows.stream().anyMatch(r -> r.startsWith("\t200\t")));
        assertFalse(out, out.contains("REGISTER"));
        assertTrue(out, rows.stream().allMatch(r -> r.endsWith("\t1001") || r.contains("\t1002") || r.isEmpty()));
        Files.deleteIfExists(file);
    }

    @Test
    public void traceCommandSaysWhereTheTraceGoesAndShowsIt() throws Exception {
        String on = command("pbx:sip-trace on -a 127.0.0.1");
        try {
            assertTrue(on, on.contains("data/log/sip-trace.log") || on.contains("sip-trace.log"));
            assertTrue(on, on.contains("log:tail does not show them"));
            passed("options", sipp("options.xml").from("127.0.0.1", PORTS.getAndIncrement()).run());
            waitFor("the OPTIONS in pbx:sip-trace show", 5000, () -> command("pbx:sip-trace show -n 5").contains("OPTIONS sip:"));
            String shown = command("pbx:sip-trace show -n 5");
            assertTrue(shown, shown.contains("<<< UDP from 127.0.0.1:"));
            assertTrue(shown, shown.contains(">>> UDP to 127.0.0.1:") && shown.contains("SIP/2.0 200 OK"));
        } finally {
            command("pbx:sip-trace off");
        }
        assertTrue(Files.readString(Path.of(System.getProperty("karaf.data"), "log", "sip-trace.log")).contains("OPTIONS sip:"));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private record Http(int status, String body) {
    }

    private static Http get(String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + HTTP_PORT + path).openConnection();
            c.setConnectTimeout(2000);
            c.setReadTimeout(10_000);
            int status = c.getResponseCode();
            InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            c.disconnect();
            return new Http(status, body);
        } catch (IOException e) {
            return new Http(-1, e.toString());
        }
    }

    /** Sample name with its labels (as written, sorted) to value. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> m = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String v = line.substring(space + 1);
            m.put(line.substring(0, space), "+Inf".equals(v) ? Double.POSITIVE_INFINITY : Double.parseDouble(v));
        }
        return m;
    }

    private static Map<String, Double> scrape() {
        Http r = get("/metrics");
        assertEquals(r.body(), 200, r.status());
        return parse(r.body());
    }

    private static Map<String, Double> scrapeQuietly() {
        Http r = get("/metrics");
        return r.status() == 200 ? parse(r.body()) : Map.of();
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String key) {
        return after.getOrDefault(key, 0.0) - before.getOrDefault(key, 0.0);
    }

    /** HEP3 chunks by type, read from the protocol description. */
    private static Map<Integer, byte[]> hep3(byte[] data, int length) {
        ByteBuffer b = ByteBuffer.wrap(data, 0, length);
        byte[] id = new byte[4];
        b.get(id);
        assertEquals("HEP3", new String(id, StandardCharsets.US_ASCII));
        assertEquals(length, b.getShort() & 0xffff);
        Map<Integer, byte[]> chunks = new HashMap<>();
        while (b.hasRemaining()) {
            assertEquals(0, b.getShort());
            int type = b.getShort() & 0xffff;
            byte[] v = new byte[(b.getShort() & 0xffff) - 6];
            b.get(v);
            chunks.put(type, v);
        }
        return chunks;
    }
}
