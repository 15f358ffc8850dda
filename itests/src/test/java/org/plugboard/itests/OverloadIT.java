package org.plugboard.itests;

import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.plugboard.api.calls.CallControl;

/**
 * Issue 18, overload: with a low admission limit ({@code overload.max.rate}, new requests per second) a SIPp caller
 * drives the PBX past it for a few seconds. The excess gets a stateless 503 with Retry-After, OPTIONS and the console
 * are answered throughout, calls within the limit are answered, and no call is live once the load has ended.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OverloadIT extends PbxTestSupport {
    private static final int LIMIT = 15; // new requests per second; an authenticated call costs two (INVITE, INVITE + credentials)
    private static final int RATE = 50; // calls per second: more than 6 times the limit
    private static final int SECONDS = 4;
    private static final int CALLER_PORT = 17480;
    private static final int CALLEE_PORT = 17481;

    @Inject
    @Filter(timeout = 60_000)
    CallControl calls;

    @Override
    protected Option[] extraOptions() {
        return new Option[] {
                editConfigurationFilePut("etc/org.plugboard.sip.cfg", "overload.max.rate", Integer.toString(LIMIT)),
                editConfigurationFilePut("etc/org.plugboard.registrar.cfg", "ban.allow", "127.0.0.1"),
                editConfigurationFilePut("etc/org.plugboard.calls.cfg", "media.engine", "local"),
                editConfigurationFilePut("etc/org.plugboard.media.cfg", "port.min", "36000"),
                editConfigurationFilePut("etc/org.plugboard.media.cfg", "port.max", "39999")};
    }

    @Test
    public void pastItsLimitThePbxAnswers503WithRetryAfterKeepsAnsweringOptionsAndLeavesNoCallLive() throws Exception {
        assertCommand("pbx:sip-stats", "new requests <= " + LIMIT + "/s");
        register("1002", CALLEE_PORT, 120);
        Sipp.Running callee = sipp("load/uas-load.xml").server().user("1002", password("1002")).from("127.0.0.1", CALLEE_PORT)
                .load(RATE, 0, RATE * 4).recvTimeout(20_000).timeout(60).start();
        Sipp.Running caller = sipp("load/uac-load.xml").user("1001", password("1001")).service("1002").key("caller", "1001")
                .from("127.0.0.1", CALLER_PORT).define("HOLD_MS", "1000").load(RATE, RATE * SECONDS, RATE * 4)
                .recvTimeout(16_000).timeout(60).start();
        try {
            waitFor("the first overload 503", 15_000, () -> refused() > 0);
            // during the overload: OPTIONS is answered (SIPp fails without its 200), the console answers, and a new
            // INVITE is refused statelessly with Retry-After (the load keeps the bucket empty)
            passed("OPTIONS during the overload", sipp("options.xml").from("127.0.0.1", 17482).run());
            assertCommand("pbx:sip-stats", "Admission: new requests <= " + LIMIT + "/s");
            String refusal = refusedInvite();
            assertTrue(refusal, refusal.startsWith("SIP/2.0 503 Server Overloaded"));
            assertTrue(refusal, refusal.contains("Retry-After: 5"));

            Sipp.Result callerResult = caller.await();
            String log = callerResult.traces().logs();
            assertTrue("no call got 503:\n" + log, log.contains("\t503"));
            assertTrue("no call within the limit was answered:\n" + log, log.contains("ANSWERED"));
            waitFor("no live call after the load", 45_000, () -> calls.calls().isEmpty());
        } finally {
            caller.kill();
            callee.quit();
            callee.await();
            unregister("1002", CALLEE_PORT);
        }
    }

    /**
     * Issue 18: a REGISTER without credentials and a phone's INVITE without Proxy-Authorization get their challenge from
     * the receive path, before a transaction exists (the To-tag of a stateless challenge, counted in
     * {@code pbx:sip-stats}), and the nonce of that 401 registers: it is the registrar's own.
     */
    @Test
    public void requestsWithoutCredentialsAreChallengedStatelesslyWithTheRegistrarsNonce() throws Exception {
        long before = counter("challenged-stateless");
        try (RawSip raw = new RawSip(SIP_PORT)) {
            String callId = "stateless-401-" + System.nanoTime();
            String challenge = admitted(raw, cseq -> raw.register("1003", callId, cseq, null));
            assertTrue(challenge, challenge.startsWith("SIP/2.0 401 "));
            assertTrue(challenge, challenge.matches("(?s).*\r\nTo: [^\r]*;tag=chl[0-9a-f]+\r\n.*"));
            String nonce = RawSip.challengeParam(challenge, "MD5", "nonce");
            String ok = admitted(raw, cseq -> raw.register("1003", callId, 100 + cseq, unchecked(() -> RawSip.digestAuthorization(
                    "MD5", "MD5", "1003", "plugboard", password("1003"), nonce, "sip:127.0.0.1", "00000001"))));
            assertTrue(ok, ok.startsWith("SIP/2.0 200 "));
            String invite = admitted(raw, cseq -> "INVITE sip:1002@127.0.0.1 SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + raw.port() + ";branch=z9hG4bK" + Long.toHexString(System.nanoTime()) + ";rport\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:1003@127.0.0.1>;tag=sl" + cseq + "\r\n"
                    + "To: <sip:1002@127.0.0.1>\r\n"
                    + "Call-ID: stateless-407-" + cseq + "-" + System.nanoTime() + "\r\n"
                    + "CSeq: 1 INVITE\r\n"
                    + "Contact: <sip:1003@127.0.0.1:" + raw.port() + ">\r\n"
                    + "Content-Length: 0\r\n\r\n");
            assertTrue(invite, invite.startsWith("SIP/2.0 407 ") && invite.contains(";tag=chl"));
            assertTrue(invite, invite.contains("Proxy-Authenticate: Digest"));
            String gone = admitted(raw, cseq -> raw.register("1003", callId, 200 + cseq, unchecked(() -> RawSip.digestAuthorization(
                    "MD5", "MD5", "1003", "plugboard", password("1003"), nonce, "sip:127.0.0.1", "0000000" + (1 + cseq))))
                    .replace("Expires: 600", "Expires: 0"));
            assertTrue(gone, gone.startsWith("SIP/2.0 200 "));
        }
        assertTrue("challenged-stateless did not count both", counter("challenged-stateless") >= before + 2);
    }

    /** The first answer to a request that is not a 503 (the overload test may have left the rate bucket empty). */
    private static String admitted(RawSip raw, java.util.function.IntFunction<String> request) throws Exception {
        for (int i = 1; i <= 20; i++) {
            String r = raw.exchange(request.apply(i));
            if (r != null && !r.startsWith("SIP/2.0 503")) {
                return r;
            }
        }
        throw new AssertionError("20 tries, every one refused or unanswered");
    }

    private static String unchecked(java.util.concurrent.Callable<String> c) {
        try {
            return c.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A counter of {@code pbx:sip-stats}. */
    private long counter(String name) {
        Matcher m = Pattern.compile(Pattern.quote(name) + "\\s*\\|\\s*(\\d+)").matcher(command("pbx:sip-stats"));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The admission's refusals so far, from {@code pbx:sip-stats}. */
    private long refused() {
        Matcher m = Pattern.compile("refused (\\d+)").matcher(command("pbx:sip-stats"));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /**
     * A new INVITE while the load lasts: the first 503 of a few tries (one may find a token left and get 407; each try
     * has its own socket, so a 407 retransmitted for want of an ACK is not read as the next try's answer).
     */
    private String refusedInvite() throws Exception {
        for (int i = 0; i < 20; i++) {
            try (RawSip raw = new RawSip(SIP_PORT)) {
                String r = raw.exchange("INVITE sip:1002@127.0.0.1 SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP 127.0.0.1:" + raw.port() + ";branch=z9hG4bK" + Long.toHexString(System.nanoTime()) + ";rport\r\n"
                        + "Max-Forwards: 70\r\n"
                        + "From: <sip:1001@127.0.0.1>;tag=raw" + i + "\r\n"
                        + "To: <sip:1002@127.0.0.1>\r\n"
                        + "Call-ID: overload-" + i + "-" + System.nanoTime() + "\r\n"
                        + "CSeq: 1 INVITE\r\n"
                        + "Contact: <sip:1001@127.0.0.1:" + raw.port() + ">\r\n"
                        + "Content-Length: 0\r\n\r\n");
                if (r != null && r.startsWith("SIP/2.0 503")) {
                    return r;
                }
                if (r != null && !r.startsWith("SIP/2.0 407")) {
                    throw new AssertionError("a new INVITE during the overload got neither 503 nor 407:\n" + r);
                }
            }
        }
        throw new AssertionError("20 new INVITEs during the overload, none refused with 503");
    }
}
