package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;
import javax.sip.ClientTransaction;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.apache.karaf.features.FeaturesService;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.plugboard.api.sip.NextHop;
import org.plugboard.api.sip.SipResponseHandler;
import org.plugboard.api.sip.SipService;

/**
 * External lines against real registrars: Kamailio as a provider with digest auth, and SIPp carriers that each
 * reproduce one quirk, failing without the workaround bundle and registering with it. Workaround features are
 * installed and uninstalled while the lines run; the next REGISTER shows the change. Ports: Kamailio 16070,
 * carriers 16080-16099.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LinesIT extends PbxTestSupport {
    private static final Pattern STATE = Pattern.compile("(?m)^state\\s+(\\S+)");
    private static final Pattern LAST = Pattern.compile("(?m)^last response\\s+(.*)$");
    private static final Pattern CALL_ID_CSEQ = Pattern.compile("(?m)^Call-ID / CSeq\\s+(\\S+) / (\\d+)");

    @Inject
    ConfigurationAdmin configAdmin;

    @Inject
    @Filter(timeout = 60_000)
    SipService sip;


    private final List<Peer> peers = new ArrayList<>();
    private final List<Configuration> configurations = new ArrayList<>();

    /** A SIPp carrier or Kamailio run for one test, stopped after it. */
    private record Peer(Process process, Path dir) {
        String log(String name) throws IOException {
            Path f = dir.resolve(name);
            return Files.exists(f) ? Files.readString(f, StandardCharsets.ISO_8859_1) : "";
        }
    }

    @Before
    public void installLines() throws Exception {
        if (!features.isInstalled(features.getFeature("pbx-lines"))) {
            features.installFeature("pbx-lines");
        }
        waitFor("pbx:line-list", 30_000, () -> command("pbx:line-list").contains("line(s)"));
    }

    @After
    public void stopPeersAndLines() throws Exception {
        for (Configuration c : configurations) {
            try {
                c.delete();
            } catch (IllegalStateException e) {
                // deleted by the test
            }
        }
        configurations.clear();
        waitFor("every line to be removed", 15_000, () -> command("pbx:line-list").contains("0 line(s)"));
        for (Peer p : peers) {
            p.process().destroy();
            if (!p.process().waitFor(5, TimeUnit.SECONDS)) {
                p.process().destroyForcibly();
            }
            try (java.util.stream.Stream<Path> files = Files.walk(p.dir())) { // logs were read: leave no temp files
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        peers.clear();
    }

    // ---- Kamailio, a real provider registrar ------------------------------------------------------------

    @Test
    public void registersToKamailioStaysRegisteredAcrossRefreshAndBundleUpdateAndUnregistersOnRemoval() throws Exception {
        Peer kamailio = kamailio("line1", "line1pw");
        line("kam", Map.of("domain", "127.0.0.1:16070", "account", "line1", "password", "line1pw", "expires", 12));
        waitState("kam", "REGISTERED", 15_000);
        assertTrue(command("pbx:line-list"), rowOf("kam").contains("REGISTERED"));
        String binding = ulDump(kamailio);
        assertTrue(binding, binding.contains("AoR: line1"));
        assertTrue(binding, binding.contains("Address: sip:line1@127.0.0.1:" + SIP_PORT));

        // the refresh at 85% of the granted 12 s: same Call-ID, higher CSeq, still registered
        Matcher first = callIdCseq("kam");
        waitFor("a refresh REGISTER", 20_000, () -> cseq("kam") >= Long.parseLong(first.group(2)) + 2);
        waitState("kam", "REGISTERED", 5_000);
        assertEquals(first.group(1), callIdCseq("kam").group(1));

        // a bundle update hands the binding over: nothing is unregistered, the new version carries on refreshing the
        // same binding (same Call-ID, next CSeq); Kamailio holds exactly one binding throughout
        org.osgi.framework.Bundle lines = java.util.Arrays.stream(bundleContext.getBundles())
                .filter(b -> "org.plugboard.lines".equals(b.getSymbolicName())).findFirst().orElseThrow();
        int logBefore = kamailio.log("kamailio.log").length();
        lines.update(); // what bundle:update does
        waitFor("pbx:line-status after the update", 20_000, () -> !status("kam").contains("EXCEPTION"));
        waitFor("the line after the update", 20_000, () -> command("pbx:line-status kam").contains("REGISTERED"));
        assertEquals(first.group(1), callIdCseq("kam").group(1));
        String after = ulDump(kamailio);
        assertEquals(after, 1, count(after, "Address: sip:line1@"));
        assertTrue(after, after.contains("Call-ID: " + first.group(1)));

        // the next refresh, by the new version: still one binding, same Call-ID
        long cseqAfterUpdate = cseq("kam");
        waitFor("a refresh REGISTER after the update", 20_000, () -> cseq("kam") >= cseqAfterUpdate + 2);
        waitState("kam", "REGISTERED", 5_000);
        assertEquals(first.group(1), callIdCseq("kam").group(1));
        String refreshed = ulDump(kamailio);
        assertEquals(refreshed, 1, count(refreshed, "Address: sip:line1@"));
        assertTrue(refreshed, refreshed.contains("Call-ID: " + first.group(1)));
        String sinceUpdate = kamailio.log("kamailio.log").substring(logBefore);
        assertTrue(sinceUpdate, sinceUpdate.contains("REGISTER sip:127.0.0.1:16070"));
        assertFalse("an unregistration during the update:\n" + sinceUpdate, sinceUpdate.contains(" Expires 0 "));
        assertFalse("an unregistration during the update:\n" + sinceUpdate, sinceUpdate.contains(";expires=0"));

        String removed = command("pbx:line-remove kam");
        assertTrue(removed, removed.contains("removed"));
        waitFor("Kamailio to drop the binding", 10_000, () -> !ulDump(kamailio).contains("AoR: line1"));
        assertTrue(kamailio.log("kamailio.log"), kamailio.log("kamailio.log").contains("REGISTER sip:127.0.0.1:16070"));
    }

    // ---- carriers with quirks, and their workarounds ------------------------------------------------------

    @Test
    public void registrarRefusingAReusedCallIdNeedsNewCallId() throws Exception {
        carrier("registrar-reused-callid-400.xml", 16080, Map.of("USER", "acct1", "PASSWORD", "pw1"));
        line("cid", Map.of("domain", "127.0.0.1:16080", "account", "acct1", "password", "pw1"));
        waitState("cid", "FAILING", 10_000);
        assertTrue(status("cid"), lastResponse("cid").startsWith("400"));

        Configuration workaround = workaround("newcallid", Map.of("plugboard.profiles", "line:cid"));
        install("pbx-interop-newcallid");
        try {
            waitState("cid", "REGISTERED", 15_000);
            assertTrue(command("pbx:line-list"), rowOf("cid").contains("newcallid"));
        } finally {
            uninstall("pbx-interop-newcallid");
            workaround.delete();
        }
    }

    @Test
    public void imsBehindAProxyWantsTheAuthIdWithTheDomain() throws Exception {
        // ims.test does not resolve: only the proxy address is reachable; the carrier checks R-URI and To keep it
        carrier("ims-auth-id-with-domain-403.xml", 16082,
                Map.of("USER", "+8612345678@ims.test", "PASSWORD", "imspw", "DOMAIN", "ims.test"));
        Map<String, Object> settings = new java.util.HashMap<>(Map.of("domain", "ims.test", "proxy", "127.0.0.1:16082",
                "account", "+8612345678", "password", "imspw", "auth.id.with.domain", false));
        Configuration line = line("ims", settings);
        waitState("ims", "FAILING", 10_000);
        assertTrue(status("ims"), lastResponse("ims").startsWith("403"));

        settings.put("auth.id.with.domain", true);
        settings.put("name", "ims");
        line.update(withRetry(settings));
        waitState("ims", "REGISTERED", 15_000);
        assertTrue(status("ims"), status("ims").contains("+8612345678@ims.test"));
    }

    @Test
    public void userPhoneOnlyWhereConfiguredAndGoneAfterUninstall() throws Exception {
        carrier("ims-requires-user-phone.xml", 16083, Map.of("USER", "acct2", "PASSWORD", "pw2"));
        carrier("registrar-rejects-uri-params.xml", 16084, Map.of("USER", "acct3", "PASSWORD", "pw3"));
        line("up", Map.of("domain", "127.0.0.1:16083", "account", "acct2", "password", "pw2", "expires", 10));
        line("strict", Map.of("domain", "127.0.0.1:16084", "account", "acct3", "password", "pw3", "expires", 10));
        waitState("up", "FAILING", 10_000);
        assertTrue(status("up"), lastResponse("up").startsWith("400"));
        waitState("strict", "REGISTERED", 10_000);

        Configuration workaround = workaround("ruriparam", Map.of("plugboard.profiles", "line:up", "params", "user=phone"));
        install("pbx-interop-ruriparam");
        try {
            waitState("up", "REGISTERED", 15_000);
            assertTrue(command("pbx:line-list"), rowOf("up").contains("ruriparam"));
            assertFalse(command("pbx:line-list"), rowOf("strict").contains("ruriparam"));
            long strictCseq = cseq("strict");
            waitFor("a refresh of the strict line", 15_000, () -> cseq("strict") >= strictCseq + 2);
            waitState("strict", "REGISTERED", 5_000);
        } finally {
            uninstall("pbx-interop-ruriparam");
        }
        // the next REGISTER (the refresh due within 8.5 s) goes without user=phone and is refused again
        waitState("up", "FAILING", 20_000);
        assertTrue(status("up"), lastResponse("up").startsWith("400"));
        assertFalse(command("pbx:line-list"), rowOf("up").contains("ruriparam"));
        workaround.delete();
    }

    /**
     * The whole call case (183 with Require: 100rel, PRACK answered 405) needs calls over lines, which come later;
     * here an INVITE of the line's profile goes through the real SIP bundle to a carrier that reports whether 100rel
     * was offered.
     */
    @Test
    public void no100relRemovesTheTagFromInvitesOfItsProfileOnly() throws Exception {
        carrier("invite-checks-100rel.xml", 16085, Map.of());
        BlockingQueue<Integer> statuses = new LinkedBlockingQueue<>();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(SipResponseHandler.OWNER, "linesit");
        ServiceRegistration<SipResponseHandler> handler = bundleContext.registerService(SipResponseHandler.class,
                new SipResponseHandler() {
                    @Override
                    public void handleResponse(Response response, ClientTransaction transaction) {
                        if (response.getStatusCode() >= 200) {
                            statuses.add(response.getStatusCode());
                        }
                    }

                    @Override
                    public void handleTimeout(ClientTransaction transaction) {
                        statuses.add(408);
                    }
                }, props);
        try {
            assertEquals(500, invite("line:n100", statuses)); // offered
            Configuration workaround = workaround("no100rel", Map.of("plugboard.profiles", "line:n100"));
            install("pbx-interop-no100rel");
            try {
                waitFor("the no100rel rewriter", 10_000, () -> rewriterFor("line:n100"));
                assertEquals(486, invite("line:n100", statuses)); // not offered
                assertEquals(500, invite("line:other", statuses)); // other profiles keep it
            } finally {
                uninstall("pbx-interop-no100rel");
                workaround.delete();
            }
            assertEquals(500, invite("line:n100", statuses)); // gone with the feature
        } finally {
            handler.unregister();
        }
    }

    private boolean rewriterFor(String profile) {
        try {
            return bundleContext.getServiceReferences("org.plugboard.api.sip.SipMessageRewriter",
                    "(plugboard.profiles=" + profile + ")") != null;
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- lines and workarounds ----------------------------------------------------------------------------

    private Configuration line(String name, Map<String, Object> settings) throws IOException {
        Configuration c = configAdmin.getFactoryConfiguration("org.plugboard.lines", name, "?");
        Hashtable<String, Object> p = withRetry(settings);
        p.put("name", name);
        c.update(p);
        configurations.add(c);
        return c;
    }

    /** Quick retries so a test sees the next attempt in seconds, not the default 30 s. */
    private static Hashtable<String, Object> withRetry(Map<String, Object> settings) {
        Hashtable<String, Object> p = new Hashtable<>(settings);
        p.putIfAbsent("retry.interval", 1);
        p.putIfAbsent("retry.max.interval", 2);
        return p;
    }

    private Configuration workaround(String name, Map<String, Object> settings) throws IOException {
        Configuration c = configAdmin.getFactoryConfiguration("org.plugboard.interop." + name, "linesit", "?");
        c.update(new Hashtable<>(settings));
        return c;
    }

    /** As {@code feature:install} does, through the same FeaturesService, at run time. */
    private void install(String feature) throws Exception {
        features.installFeature(feature);
        assertTrue(feature, features.isInstalled(features.getFeature(feature)));
    }

    private void uninstall(String feature) throws Exception {
        features.uninstallFeature(feature);
        assertFalse(feature, features.isInstalled(features.getFeature(feature)));
    }

    private String status(String name) {
        return command("pbx:line-status " + name);
    }

    private String lastResponse(String name) {
        Matcher m = LAST.matcher(status(name));
        return m.find() ? m.group(1).trim() : "";
    }

    private void waitState(String name, String state, long millis) throws InterruptedException {
        try {
            waitFor("line " + name + " " + state, millis, () -> {
                Matcher m = STATE.matcher(status(name));
                return m.find() && m.group(1).equals(state);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + status(name) + "\n" + peerLogs(), e);
        }
    }

    private Matcher callIdCseq(String name) {
        Matcher m = CALL_ID_CSEQ.matcher(status(name));
        assertTrue(status(name), m.find());
        return m;
    }

    private long cseq(String name) {
        return Long.parseLong(callIdCseq(name).group(2));
    }

    private String rowOf(String name) {
        for (String row : command("pbx:line-list").split("\n")) {
            if (row.trim().startsWith(name + " ") || row.trim().startsWith(name + "\t") || row.trim().startsWith(name + "|")) {
                return row;
            }
        }
        return "";
    }

    // ---- the no100rel probe -------------------------------------------------------------------------------

    private int invite(String profile, BlockingQueue<Integer> statuses) throws Exception {
        NextHop hop = new NextHop("127.0.0.1", 16085, "UDP");
        AddressFactory a = sip.addressFactory();
        HeaderFactory h = sip.headerFactory();
        javax.sip.address.Address from = a.createAddress("<sip:0123456@127.0.0.1>");
        javax.sip.address.Address to = a.createAddress("<sip:+8687654321@127.0.0.1:16085>");
        Request invite = sip.messageFactory().createRequest(a.createURI("sip:+8687654321@127.0.0.1:16085"), Request.INVITE,
                h.createCallIdHeader("linesit-" + System.nanoTime()), h.createCSeqHeader(1L, Request.INVITE),
                h.createFromHeader(from, "t" + System.nanoTime()), h.createToHeader(to, null),
                List.of(sip.createVia(hop)), h.createMaxForwardsHeader(70));
        javax.sip.address.SipURI contact = sip.localUri(hop);
        contact.setUser("0123456");
        invite.addHeader(h.createContactHeader(a.createAddress(contact)));
        invite.addHeader(h.createSupportedHeader("100rel"));
        invite.addHeader(h.createSupportedHeader("timer"));
        sip.send(invite, hop, "linesit", profile);
        Integer status = statuses.poll(10, TimeUnit.SECONDS);
        assertTrue("no answer to the INVITE\n" + peerLogs(), status != null);
        return status;
    }

    // ---- real peers ---------------------------------------------------------------------------------------

    /** A SIPp carrier scenario from sipp/lines/ as a server on {@code port}, its @NAME@ placeholders replaced. */
    private Peer carrier(String scenario, int port, Map<String, String> placeholders) throws IOException {
        Path dir = Files.createTempDirectory("linesit-sipp");
        File source = new File(System.getProperty("itest.resources"), "sipp/lines/" + scenario);
        String text = Files.readString(source.toPath(), StandardCharsets.ISO_8859_1);
        Map<String, String> all = new java.util.HashMap<>(Map.of("REALM", "carrier.test"));
        all.putAll(placeholders);
        for (Map.Entry<String, String> e : all.entrySet()) {
            text = text.replace("@" + e.getKey() + "@", e.getValue());
        }
        Path sf = dir.resolve(scenario);
        Files.writeString(sf, text, StandardCharsets.ISO_8859_1);
        Process p = new ProcessBuilder("sipp", "-sf", sf.toString(), "-i", "127.0.0.1", "-p", Integer.toString(port),
                "-t", "u1", "-nostdin", "-deadcall_wait", "1", "-timeout", "170s", "-trace_msg", "-message_file",
                dir.resolve("messages.log").toString(), "-trace_err", "-error_file", dir.resolve("errors.log").toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
        Peer peer = new Peer(p, dir);
        peers.add(peer);
        return peer;
    }

    private Peer kamailio(String user, String password) throws Exception {
        Path dir = Files.createTempDirectory("linesit-kamailio");
        File cfg = new File(System.getProperty("itest.resources"), "kamailio/lines-registrar.cfg");
        Process p = new ProcessBuilder("kamailio", "-f", cfg.getPath(), "-DD", "-E", "-Y", dir.toString(), "-P",
                dir.resolve("kamailio.pid").toString(), "-m", "32", "-M", "8",
                "-A", "LINES_PORT=16070", "-A", "LINES_USER=\"" + user + "\"", "-A", "LINES_PASSWORD=\"" + password + "\"",
                "-A", "LINES_CTL=\"unix:" + dir.resolve("ctl.sock") + "\"")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("kamailio.log").toFile()).start();
        Peer peer = new Peer(p, dir);
        peers.add(peer);
        waitFor("Kamailio's control socket", 10_000, () -> Files.exists(dir.resolve("ctl.sock")) || !p.isAlive());
        assertTrue(peer.log("kamailio.log"), p.isAlive());
        return peer;
    }

    private static String ulDump(Peer kamailio) {
        try {
            Process p = new ProcessBuilder("kamcmd", "-s", "unix:" + kamailio.dir().resolve("ctl.sock"), "ul.dump")
                    .redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "kamcmd timed out";
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "kamcmd failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private String peerLogs() {
        StringBuilder out = new StringBuilder();
        for (Peer p : peers) {
            try {
                String messages = p.log("messages.log") + p.log("errors.log") + p.log("kamailio.log");
                out.append("---- ").append(p.dir()).append(" ----\n")
                        .append(messages.length() > 4000 ? messages.substring(messages.length() - 4000) : messages);
            } catch (IOException e) {
                out.append(e);
            }
        }
        return out.toString();
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }
}
