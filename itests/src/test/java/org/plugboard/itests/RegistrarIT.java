package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.plugboard.api.directory.Directory;
import org.plugboard.api.location.LocationService;
import org.plugboard.api.security.AuthFailureGuard;
import org.plugboard.api.sip.SipService;
import org.plugboard.itests.protos.ProtosSender;

/**
 * The foundation end to end: the distribution boots pbx-core, and real SIPp clients register with digest auth.
 * Each test uses its own extensions, so the order of tests does not matter.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RegistrarIT extends PbxTestSupport {
    @Inject
    @Filter(timeout = 60_000)
    Directory directory;
    @Inject
    @Filter(timeout = 60_000)
    LocationService location;
    @Inject
    @Filter(timeout = 60_000)
    SipService sip;
    @Inject
    AuthFailureGuard guard;

    @Override
    protected Option[] extraOptions() {
        // 127.0.0.1 is allow-listed so the wrong-password tests cannot ban the test runner; the ban test uses 127.0.0.2.
        return new Option[] {
            editConfigurationFilePut("etc/org.plugboard.registrar.cfg", "ban.failures", "3"),
            editConfigurationFilePut("etc/org.plugboard.registrar.cfg", "ban.allow", "127.0.0.1"),
            editConfigurationFilePut("etc/org.plugboard.registrar.cfg", "algorithms", "MD5,SHA-256"), // SHA-256 is tested too
        };
    }

    private void addExtension(String number, String password) {
        String out = command("pbx:ext-add " + number + " " + password + " \"Test " + number + "\"");
        assertTrue(out, out.contains("Added extension " + number));
    }

    @Test
    public void distributionBootsCoreFeatureAndServices() throws Exception {
        assertTrue(features.isInstalled(features.getFeature("pbx-core")));
        String stats = command("pbx:sip-stats");
        assertTrue(stats, stats.contains("127.0.0.1:" + SIP_PORT));
        String list = command("pbx:ext-list");
        for (String demo : List.of("1001", "1002", "1003", "1004")) {
            assertTrue("demo extension " + demo + " missing:\n" + list, list.contains(demo));
        }
        assertTrue(sip.allowedMethods().contains("REGISTER"));
    }

    @Test
    public void optionsIsAnswered200WithAllowAndSupported() throws Exception {
        Sipp.Result r = sipp("options.xml").run();
        assertTrue(r.messages(), r.passed());
        String allow = r.messages().lines().filter(l -> l.startsWith("Allow:")).findFirst().orElse("");
        for (String m : List.of("OPTIONS", "REGISTER", "INVITE", "BYE", "CANCEL", "PRACK", "UPDATE")) {
            assertTrue("Allow lacks " + m + ": " + allow, allow.contains(m));
        }
        assertTrue(r.messages(), r.messages().contains("Supported: 100rel, timer") || r.messages().contains("Supported: 100rel,timer"));
        assertTrue(r.messages(), r.messages().contains("Server: Plugboard\r\n") || r.messages().contains("Server: Plugboard\n"));
    }

    @Test
    public void demoExtensionRegistersWithMd5DigestAndIsListed() throws Exception {
        Sipp.Result r = sipp("register.xml").user("1001", "demo1001pw").from("127.0.0.1", 25061).run();
        assertTrue(r.messages(), r.passed());
        assertTrue(r.messages(), r.messages().contains("algorithm=SHA-256"));
        assertEquals(1, location.lookup("1001").size());
        String regs = command("pbx:reg-list 1001");
        assertTrue(regs, regs.contains("sip:1001@127.0.0.1:25061"));
    }

    @Test
    public void wrongPasswordGets403() throws Exception {
        addExtension("3001", "right-pass-1");
        Sipp.Result r = sipp("register.xml").user("3001", "wrong-pass-1").expect(403).run();
        assertTrue(r.messages(), r.passed());
        assertTrue(location.lookup("3001").isEmpty());
    }

    @Test
    public void unknownUserIsChallengedExactlyLikeAKnownOne() throws Exception {
        addExtension("3002", "right-pass-2");
        Sipp.Result known = sipp("register.xml").user("3002", "wrong-pass-2").expect(403).run();
        Sipp.Result unknown = sipp("register.xml").user("3999", "whatever-99").expect(403).run();
        assertTrue(known.messages(), known.passed());
        assertTrue(unknown.messages(), unknown.passed());
        assertEquals(challengeShape(known.messages()), challengeShape(unknown.messages()));
    }

    /** The 401's header names and WWW-Authenticate values with nonce and tags blanked. */
    private static String challengeShape(String messages) {
        int start = messages.indexOf("SIP/2.0 401");
        assertTrue(messages, start >= 0);
        String block = messages.substring(start, messages.indexOf("Content-Length", start));
        return block.lines().map(l -> l.replaceAll("nonce=\"[^\"]*\"", "nonce=X").replaceAll("tag=[^;\\s]*", "tag=X")
                .replaceAll("(Call-ID|From|Via|CSeq|To):.*", "$1"))
                .collect(Collectors.joining("\n"));
    }

    @Test
    public void sha256DigestRegistersToo() throws Exception {
        addExtension("3003", "sha-pass-3");
        try (RawSip raw = new RawSip(SIP_PORT)) {
            String callId = "sha256-" + System.nanoTime();
            String challenge = raw.exchange(raw.register("3003", callId, 1, null));
            assertNotNull("no 401", challenge);
            assertTrue(challenge, challenge.startsWith("SIP/2.0 401"));
            String nonce = RawSip.challengeParam(challenge, "SHA-256", "nonce");
            assertNotNull(challenge, nonce);
            String auth = RawSip.digestAuthorization("SHA-256", "SHA-256", "3003", "plugboard", "sha-pass-3", nonce,
                    "sip:127.0.0.1", "00000001");
            String ok = raw.exchange(raw.register("3003", callId, 2, auth));
            assertTrue(ok, ok.startsWith("SIP/2.0 200"));
            // the same nonce-count again is a replay: never accepted
            String replay = raw.exchange(raw.register("3003", callId, 3, auth));
            assertTrue(replay, replay.startsWith("SIP/2.0 401") && replay.contains("stale=true"));
            // a higher nonce-count on the same nonce is fine (nonce caching by the client)
            String again = raw.exchange(raw.register("3003", callId, 4, RawSip.digestAuthorization("SHA-256", "SHA-256",
                    "3003", "plugboard", "sha-pass-3", nonce, "sip:127.0.0.1", "00000002")));
            assertTrue(again, again.startsWith("SIP/2.0 200"));
        }
        assertEquals(1, location.lookup("3003").size());
    }

    @Test
    public void expiresZeroUnregisters() throws Exception {
        addExtension("3004", "unreg-pass-4");
        assertTrue(sipp("register.xml").user("3004", "unreg-pass-4").from("127.0.0.1", 25064).run().passed());
        assertEquals(1, location.lookup("3004").size());
        Sipp.Result r = sipp("register.xml").user("3004", "unreg-pass-4").from("127.0.0.1", 25064).expires(0).run();
        assertTrue(r.messages(), r.passed());
        assertTrue(location.lookup("3004").isEmpty());
        assertFalse(command("pbx:reg-list 3004").contains("25064"));
    }

    @Test
    public void contactStarWithExpiresZeroRemovesEveryBinding() throws Exception {
        addExtension("3011", "star-pass-11");
        command("pbx:ext-multidevice 3011 grant 3");
        assertTrue(sipp("register.xml").user("3011", "star-pass-11").from("127.0.0.1", 25081).run().passed());
        assertTrue(sipp("register.xml").user("3011", "star-pass-11").from("127.0.0.1", 25082).run().passed());
        assertEquals(2, location.lookup("3011").size());
        try (RawSip raw = new RawSip(SIP_PORT)) {
            String callId = "star-" + System.nanoTime();
            String contact = "Contact: <sip:3011@127.0.0.1:" + raw.port() + ">";
            String challenge = raw.exchange(raw.register("3011", callId, 1, null).replace(contact, "Contact: *"));
            String nonce = RawSip.challengeParam(challenge, "MD5", "nonce");
            String auth = RawSip.digestAuthorization("MD5", "MD5", "3011", "plugboard", "star-pass-11", nonce,
                    "sip:127.0.0.1", "00000001");
            String withExpires = raw.exchange(raw.register("3011", callId, 2, auth).replace(contact, "Contact: *"));
            assertTrue("Contact * needs Expires: 0: " + withExpires, withExpires.startsWith("SIP/2.0 400"));
            auth = RawSip.digestAuthorization("MD5", "MD5", "3011", "plugboard", "star-pass-11", nonce, "sip:127.0.0.1", "00000002");
            String ok = raw.exchange(raw.register("3011", callId, 3, auth).replace(contact, "Contact: *")
                    .replace("Expires: 600", "Expires: 0"));
            assertTrue(ok, ok.startsWith("SIP/2.0 200"));
        }
        assertTrue(location.lookup("3011").isEmpty());
    }

    @Test
    public void tooBriefExpiryGets423WithMinExpires() throws Exception {
        addExtension("3005", "brief-pass-5");
        Sipp.Result r = sipp("register.xml").user("3005", "brief-pass-5").expires(10).expect(423).run();
        assertTrue(r.messages(), r.passed());
        assertTrue(r.messages(), r.messages().contains("Min-Expires: 60"));
    }

    @Test
    public void secondDeviceReplacesTheFirstUnlessMultiDeviceIsGranted() throws Exception {
        addExtension("3006", "multi-pass-6");
        assertTrue(sipp("register.xml").user("3006", "multi-pass-6").from("127.0.0.1", 25071).run().passed());
        assertTrue(sipp("register.xml").user("3006", "multi-pass-6").from("127.0.0.1", 25072).run().passed());
        assertEquals(List.of("sip:3006@127.0.0.1:25072;transport=UDP"),
                location.lookup("3006").stream().map(b -> b.contact()).toList());

        String granted = command("pbx:ext-multidevice 3006 grant 2");
        assertTrue(granted, granted.contains("up to 2 devices"));
        assertTrue(sipp("register.xml").user("3006", "multi-pass-6").from("127.0.0.1", 25071).run().passed());
        assertEquals(2, location.lookup("3006").size());
        // a third device pushes out the oldest
        assertTrue(sipp("register.xml").user("3006", "multi-pass-6").from("127.0.0.1", 25073).run().passed());
        assertEquals(List.of("sip:3006@127.0.0.1:25073;transport=UDP", "sip:3006@127.0.0.1:25071;transport=UDP"),
                location.lookup("3006").stream().map(b -> b.contact()).toList());
    }

    @Test
    public void registrationSurvivesARestartOfTheRegistrarBundle() throws Exception {
        addExtension("3007", "keep-pass-7");
        assertTrue(sipp("register.xml").user("3007", "keep-pass-7").from("127.0.0.1", 25077).run().passed());
        org.osgi.framework.Bundle registrar = bundleOf("org.plugboard.registrar");
        registrar.stop(); // through the framework: in the test session the console's bundle:restart left it running
        registrar.start();
        waitFor("registrar back", 20_000, () -> command("pbx:reg-list 3007").contains("25077"));
    }

    /**
     * A phone that answers a challenge of the registrar's previous version (its nonce went with a bundle update) gets
     * 407 with stale=true, and the INVITE it retries with the new nonce connects. The live-update suites' caller
     * (sipp/load/uac-load.xml) takes this path; it once jumped back in its scenario for the retry, so SIPp kept
     * retransmitting the retried INVITE, never ACKed its 200 and failed those suites now and then.
     */
    @Test
    public void aNonceOfThePreviousRegistrarIsStaleAndTheRetriedCallConnects() throws Exception {
        register("1002", 25097);
        Sipp.Running callee = sipp("load/uas-load.xml").server().user("1002", password("1002")).from("127.0.0.1", 25097)
                .timeout(30).start();
        try {
            Path scenario = Files.createTempFile("uac-load-paused", ".xml");
            String text = Files.readString(new File(System.getProperty("itest.resources"), "sipp/load/uac-load.xml").toPath(),
                    StandardCharsets.ISO_8859_1);
            String firstAck = "      CSeq: 1 ACK\n      Content-Length: 0\n\n    ]]>\n  </send>\n";
            assertTrue("uac-load.xml changed: no ACK of the first challenge found", text.contains(firstAck));
            // the phone takes 3 s to answer the first challenge: meanwhile the registrar is updated
            Files.writeString(scenario, text.replace(firstAck, firstAck + "  <pause milliseconds=\"3000\"/>\n"), StandardCharsets.ISO_8859_1);
            Sipp.Running caller = new Sipp(scenario.toFile(), SIP_PORT).user("1001", password("1001")).service("1002")
                    .key("caller", "1001").from("127.0.0.1", 25096).define("HOLD_MS", "500").timeout(30).start();
            waitFor("the caller's first 407", 10_000, () -> caller.messagesContain("SIP/2.0 407"));
            bundleOf("org.plugboard.registrar").update();
            Sipp.Result r = caller.await();
            Files.deleteIfExists(scenario);
            assertTrue(r.messages(), r.messages().contains("stale=true"));
            assertTrue("the retried call must connect, be ACKed and end with our BYE\n" + r.messages(), r.passed());
            passed("the callee", callee.await());
        } finally {
            callee.kill();
        }
    }

    @Test
    public void banAfterRepeatedFailuresThenLift() throws Exception {
        addExtension("3008", "ban-pass-8");
        for (int i = 0; i < 3; i++) {
            Sipp.Result r = sipp("register.xml").user("3008", "bad-guess-" + i).from("127.0.0.2", 0).expect(403).run();
            assertTrue(r.messages(), r.passed());
        }
        String bans = command("pbx:ban-list");
        assertTrue(bans, bans.contains("127.0.0.2"));
        assertFalse("a banned source must get no answer", sipp("options.xml").from("127.0.0.2", 0).run().passed());
        assertTrue("others are not affected", sipp("options.xml").run().passed());
        String lifted = command("pbx:ban-lift 127.0.0.2");
        assertTrue(lifted, lifted.contains("Lifted"));
        assertTrue(sipp("options.xml").from("127.0.0.2", 0).run().passed());
        assertTrue(command("pbx:ban-lift 127.0.0.9").contains("is not banned"));
    }

    @Test
    public void consoleCommandsExplainBadArguments() throws Exception {
        assertTrue(command("pbx:ext-add 12ab secret-pw").contains("not a valid extension number"));
        assertTrue(command("pbx:ext-add 3010 abc").contains("too short"));
        addExtension("3010", "first-pass-10");
        assertTrue(command("pbx:ext-add 3010 other-pass-10").contains("exists already"));
        assertTrue(command("pbx:ext-password 3999 some-pass-99").contains("No extension 3999"));
        assertTrue(command("pbx:ext-multidevice 3010 maybe").contains("use grant or revoke"));
        assertTrue(command("pbx:ext-import /nonexistent.csv").contains("cannot read"));
        assertTrue(command("pbx:sip-trace sideways").contains("unknown action 'sideways'"));
        assertTrue(command("pbx:sip-trace on").contains("SIP trace is on"));
        assertTrue(command("pbx:sip-trace off").contains("SIP trace is off"));
        assertTrue(command("pbx:ext-remove 3010").contains("Removed extension 3010"));
        assertTrue(directory.find("3010").isEmpty());
    }

    @Test
    public void bulkImportOfAThousandExtensions() throws Exception {
        Path csv = Files.createTempFile("users", ".csv");
        StringBuilder sb = new StringBuilder("# number;password;name\n");
        for (int i = 0; i < 1000; i++) {
            sb.append(50000 + i).append(";pw-").append(50000 + i).append(";User ").append(i).append('\n');
        }
        sb.append("5x;bad;Broken line\n");
        Files.writeString(csv, sb);
        String out = command("pbx:ext-import " + csv);
        assertTrue(out, out.contains("1000 added, 0 updated, 1 rejected"));
        assertTrue(out, out.contains("line 1002"));
        assertTrue(directory.find("50999").isPresent());
        assertTrue(sipp("register.xml").user("50500", "pw-50500").run().passed());
    }

    @Test
    public void malformedHeaderGets400NamingIt() throws Exception {
        try (RawSip raw = new RawSip(SIP_PORT)) {
            String bad = raw.register("1002", "bad-" + System.nanoTime(), 1, null).replace("Expires: 600", "Expires: soon");
            String r = raw.exchange(bad);
            assertNotNull(r);
            assertTrue(r, r.startsWith("SIP/2.0 400 Malformed Expires header"));
            assertNull("garbage is dropped silently", raw.exchange("\u0000\u0001garbage\r\n\r\n"));
        }
        String stats = command("pbx:sip-stats");
        assertTrue(stats, stats.matches("(?s).*bad-header-400\\s*\\|\\s*[1-9].*"));
    }

    @Test
    public void protosSampleLeavesTheServerAnswering() throws Exception {
        String dir = System.getProperty("protos.dir");
        org.junit.Assume.assumeTrue("PROTOS material not found", dir != null && Files.isDirectory(Path.of(dir)));
        ProtosSender.Options o = new ProtosSender.Options();
        o.target = new java.net.InetSocketAddress("127.0.0.1", SIP_PORT);
        o.dir = Path.of(dir);
        o.sample = 150;
        o.teardown = true;
        o.maxSeconds = 240;
        ProtosSender.Result result = ProtosSender.run(o);
        assertTrue(result.summary() + "\n" + result.details(), result.passed());
        assertTrue(sipp("options.xml").run().passed());
        String stats = command("pbx:sip-stats");
        assertTrue(stats, stats.matches("(?s).*unparseable-dropped\\s*\\|\\s*[1-9].*"));
    }
}
