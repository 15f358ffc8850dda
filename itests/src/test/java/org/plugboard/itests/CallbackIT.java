package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrSink;

/**
 * Call-back (pbx-callback, protocol CB/1 over UDP) and pbx:call-originate through the running distribution: the PBX
 * calls a first SIPp party, then a second once the first answered, and connects them; requests from an address not
 * allowed are ignored; port 0 opens no socket; malformed, oversized and flooding datagrams get errors or are dropped,
 * and pbx:callback-status counts them.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CallbackIT extends PbxTestSupport {
    /** SIP client ports of this class: 17600-17639. */
    private static final AtomicInteger PORTS = new AtomicInteger(17600);
    private static final int CALLBACK_PORT = 15080;
    private static final String PID = "org.plugboard.callback";

    @Inject
    @Filter(timeout = 60_000)
    CallControl calls;

    @Inject
    ConfigurationAdmin configAdmin;

    private final List<CallDetailRecord> cdrs = new CopyOnWriteArrayList<>();
    private ServiceRegistration<CdrSink> sink;

    @Override
    protected Option[] extraOptions() {
        return new Option[] {editConfigurationFilePut("etc/org.plugboard.registrar.cfg", "ban.allow", "127.0.0.1"),
                editConfigurationFilePut("etc/" + PID + ".cfg", "port", Integer.toString(CALLBACK_PORT)),
                // 127.0.0.3 floods; 127.0.0.2 is not allowed
                editConfigurationFilePut("etc/" + PID + ".cfg", "allowedAddresses", "127.0.0.1,127.0.0.3"),
                editConfigurationFilePut("etc/" + PID + ".cfg", "requestsPerSecond", "5")};
    }

    @Before
    public void setUp() throws Exception {
        ensureFeature(features, "pbx-callback", "pbx:callback-status", "Listening:  127.0.0.1:" + CALLBACK_PORT);
        sink = collectCdrs(cdrs);
    }

    @After
    public void noCallLeftBehind() throws Exception {
        sink.unregister();
        assertNoCallLeftBehind(calls);
    }

    // ---- parties ------------------------------------------------------------------------------------------

    private record Party(String number, int port, Sipp.Running sipp) {
        Sipp.Result await() throws Exception {
            Sipp.Result r = sipp.await();
            unregister(number, port);
            return r;
        }
    }

    /** Registers a device of {@code number} at a fresh port and runs a callee scenario there. */
    private Party device(String number, String scenario) throws Exception {
        return device(number, scenario, 0);
    }

    /** The same answering {@code status} (uas-reject.xml's @FINAL@), 0 for none. */
    private Party device(String number, String scenario, int status) throws Exception {
        int port = PORTS.getAndIncrement();
        register(number, port);
        Sipp s = sipp(scenario).server().user(number, password(number)).from("127.0.0.1", port).key("hold_ms", "1000").timeout(25);
        if (status > 0) {
            s.expect(status);
        }
        return new Party(number, port, s.start());
    }

    /** The one CDR of an originated call, once written. */
    private CallDetailRecord record() throws InterruptedException {
        waitFor("the CDR", 5000, () -> !cdrs.isEmpty());
        assertEquals("CDRs: " + cdrs, 1, cdrs.size());
        return cdrs.get(0);
    }

    // ---- UDP ----------------------------------------------------------------------------------------------

    private static DatagramSocket client(String address) throws Exception {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(address, 0));
        s.setSoTimeout(5000);
        return s;
    }

    private static void send(DatagramSocket s, String text) throws Exception {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        s.send(new DatagramPacket(data, data.length, new InetSocketAddress("127.0.0.1", CALLBACK_PORT)));
    }

    /** The next answer; null when none comes within the socket's timeout. */
    private static String receive(DatagramSocket s) throws Exception {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            s.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8).trim();
    }

    private long counter(String name) {
        String status = command("pbx:callback-status");
        Matcher m = Pattern.compile("(?m)^\\W*" + name + "\\W+(\\d+)").matcher(status);
        assertTrue("no counter " + name + " in:\n" + status, m.find());
        return Long.parseLong(m.group(1));
    }

    // ---- tests --------------------------------------------------------------------------------------------

    @Test
    public void aCallbackRequestConnectsTwoSippPartiesAndReportsEachStep() throws Exception {
        Party bob = device("1002", "calls/uas-answer.xml");
        Party carol = device("1003", "calls/uas-answer-then-bye.xml");
        List<String> answers = new ArrayList<>();
        try (DatagramSocket app = client("127.0.0.1")) {
            app.setSoTimeout(20_000);
            send(app, "CB/1 ORIGINATE id=r1 first=1002 second=1003 timeout=20");
            for (String a = receive(app); a != null; a = a.contains("event=ended") || a.contains("event=failed") ? null : receive(app)) {
                answers.add(a);
            }
        }
        passed("first party (1002, hung up on by the PBX)", bob.await());
        passed("second party (1003, hangs up after 1 s)", carol.await());
        assertTrue(answers.toString(), answers.get(0).matches("CB/1 ACCEPTED id=r1 call=[0-9a-f]{8}"));
        String call = answers.get(0).substring(answers.get(0).indexOf("call=") + 5);
        // a 180 sent right before the 200 may reach the call after it (the stack has several threads): then it is no news
        assertEquals(List.of("CB/1 ACCEPTED id=r1 call=" + call, "CB/1 EVENT id=r1 call=" + call + " event=answered party=1",
                "CB/1 EVENT id=r1 call=" + call + " event=connected", "CB/1 EVENT id=r1 call=" + call + " event=ended tag=CALLEE_BYE"),
                answers.stream().filter(a -> !a.contains("event=ringing")).toList());
        assertTrue(answers.toString(), answers.indexOf("CB/1 EVENT id=r1 call=" + call + " event=ringing party=2") < 0
                || answers.indexOf("CB/1 EVENT id=r1 call=" + call + " event=ringing party=2")
                        > answers.indexOf("CB/1 EVENT id=r1 call=" + call + " event=answered party=1"));
        CallDetailRecord cdr = record();
        assertEquals(call, cdr.id());
        assertEquals(List.of("1002", "1003", "ANSWERED"), List.of(cdr.caller(), cdr.callee(), cdr.disposition().name()));
        assertTrue(cdr.answeredBy(), cdr.answeredBy().startsWith("1003@"));
        assertEquals(List.of("Originated by callback:127.0.0.1 (reference r1)"), cdr.notes());
        assertTrue(counter("connected") >= 1);
    }

    @Test
    public void aSecondPartyThatIsBusyEndsTheAttemptAndHangsUpOnTheFirst() throws Exception {
        Party bob = device("1002", "calls/uas-answer.xml");
        Party carol = device("1003", "calls/uas-reject.xml", 486);
        List<String> answers = new ArrayList<>();
        try (DatagramSocket app = client("127.0.0.1")) {
            app.setSoTimeout(20_000);
            send(app, "CB/1 ORIGINATE id=busy first=1002 second=1003");
            for (String a = receive(app); a != null; a = a.contains("event=ended") || a.contains("event=failed") ? null : receive(app)) {
                answers.add(a);
            }
        }
        passed("first party (hung up on)", bob.await());
        passed("second party (486)", carol.await());
        assertTrue(answers.toString(), answers.get(answers.size() - 1).matches(".* event=failed party=2 status=486 reason=.*1003.*"));
        CallDetailRecord cdr = record();
        assertEquals(List.of("1002", "1003"), List.of(cdr.caller(), cdr.callee()));
        assertEquals(Disposition.BUSY, cdr.disposition());
    }

    /** UDP lost the ACCEPTED, so the application asks again with the same id (from a new socket): no second call. */
    @Test
    public void aRepeatedRequestIdGetsTheFirstAnswerAndStartsNoSecondCall() throws Exception {
        Party bob = device("1002", "calls/uas-answer.xml");
        Party carol = device("1003", "calls/uas-answer-then-bye.xml");
        long repeated = counter("repeated");
        List<String> answers = new ArrayList<>();
        String accepted;
        try (DatagramSocket app = client("127.0.0.1"); DatagramSocket retry = client("127.0.0.1")) {
            app.setSoTimeout(20_000);
            send(app, "CB/1 ORIGINATE id=again first=1002 second=1003 timeout=20");
            accepted = receive(app);
            assertTrue(accepted, accepted != null && accepted.matches("CB/1 ACCEPTED id=again call=[0-9a-f]{8}"));
            send(retry, "CB/1 ORIGINATE id=again first=1002 second=1003 timeout=20");
            assertEquals("the repeat is told the first request's call", accepted, receive(retry));
            for (String a = receive(app); a != null; a = a.contains("event=ended") || a.contains("event=failed") ? null : receive(app)) {
                answers.add(a);
            }
        }
        passed("first party (one INVITE only)", bob.await());
        passed("second party (one INVITE only)", carol.await());
        assertTrue(answers.toString(), answers.get(answers.size() - 1).endsWith("event=ended tag=CALLEE_BYE"));
        record(); // exactly one CDR: one call
        assertEquals(repeated + 1, counter("repeated"));
    }

    /** CANCEL from the requester ends a call-back whose first party is still ringing. */
    @Test
    public void cancelEndsAPendingCallBack() throws Exception {
        Party bob = device("1002", "calls/uas-ring-no-answer.xml");
        List<String> answers = new ArrayList<>();
        try (DatagramSocket app = client("127.0.0.1")) {
            app.setSoTimeout(20_000);
            send(app, "CB/1 ORIGINATE id=undo first=1002 second=1003 timeout=30");
            String accepted = receive(app);
            assertTrue(accepted, accepted != null && accepted.startsWith("CB/1 ACCEPTED id=undo call="));
            String call = accepted.substring(accepted.indexOf("call=") + 5);
            waitFor("1002 ringing", 10_000, () -> calls.call(call).map(c -> c.legs().stream()
                    .anyMatch(l -> l.state() == org.plugboard.api.calls.CallState.RINGING)).orElse(false));
            send(app, "CB/1 CANCEL id=undo");
            for (String a = receive(app); a != null; a = a.contains("event=ended") || a.contains("event=failed") ? null : receive(app)) {
                answers.add(a);
            }
            assertTrue(answers.toString(), answers.contains("CB/1 CANCELLED id=undo call=" + call));
            assertTrue(answers.toString(), answers.get(answers.size() - 1).contains("event=failed party=1"));
            send(app, "CB/1 CANCEL id=undo");
            assertEquals("CB/1 ERROR id=undo code=404 reason=call-back id=undo (call " + call + ") has already ended", receive(app));
        }
        passed("first party (CANCEL, 487)", bob.await());
        assertEquals(List.of("1002", "ADMIN_HANGUP"), List.of(record().caller(), record().tag().name()));
    }

    @Test
    public void aRequestFromAnAddressNotAllowedIsIgnoredAndCounted() throws Exception {
        long before = counter("disallowed");
        try (DatagramSocket stranger = client("127.0.0.2")) {
            stranger.setSoTimeout(500);
            send(stranger, "CB/1 ORIGINATE id=x first=1002 second=1003");
            waitFor("the drop to be counted", 5000, () -> counter("disallowed") == before + 1);
            assertEquals("no answer to a stranger", null, receive(stranger));
        }
        assertEquals(List.of(), calls.calls());
    }

    @Test
    public void malformedOversizedAndFloodingDatagramsGetErrorsOrDropsAndCountersMove() throws Exception {
        long rejected = counter("rejected");
        long oversized = counter("oversized");
        try (DatagramSocket app = client("127.0.0.1")) {
            send(app, "{\"v\":1,\"id\":\"r1\",\"first\":\"1001\"}");
            assertEquals("CB/1 ERROR id=- code=400 reason=a request starts with 'CB/1 ORIGINATE', 'CB/1 CANCEL' or 'CB/1 PING'", receive(app));
            send(app, "CB/1 ORIGINATE id=m2 first=1002");
            assertEquals("CB/1 ERROR id=m2 code=400 reason=ORIGINATE needs first= and second=", receive(app));
            send(app, "CB/1 PING id=" + "x".repeat(1000));
            assertEquals("CB/1 ERROR id=- code=413 reason=datagram larger than 512 bytes (maxDatagramBytes)", receive(app));
        }
        assertEquals(rejected + 3, counter("rejected"));
        assertEquals(oversized + 1, counter("oversized"));

        long received = counter("received");
        long flooded = counter("flooded");
        int pongs = 0;
        try (DatagramSocket flood = client("127.0.0.3")) {
            for (int i = 0; i < 40; i++) {
                send(flood, "CB/1 PING id=f" + i);
            }
            waitFor("40 datagrams received", 10_000, () -> counter("received") >= received + 40);
            flood.setSoTimeout(300);
            while (receive(flood) != null) {
                pongs++;
            }
        }
        long dropped = counter("flooded") - flooded;
        assertEquals("every datagram is answered or dropped", 40, pongs + dropped);
        assertTrue("a burst of 40 at 5/s is mostly dropped: " + pongs + " answered", pongs >= 5 && pongs < 20);
        assertEquals(List.of(), calls.calls());
    }

    @Test
    public void portZeroOpensNoSocketAndTheListenerComesBack() throws Exception {
        configure(configAdmin, PID, "port", "0");
        waitFor("the listener off", 10_000, () -> command("pbx:callback-status").contains("off (port 0)"));
        waitFor("no I/O thread of the listener", 5000, () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("plugboard-callback-udp") && t.isAlive()));
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("127.0.0.1", CALLBACK_PORT))) {
            assertTrue("the port is free while the service is off", taken.isBound());
        }
        configure(configAdmin, PID, "port", Integer.toString(CALLBACK_PORT));
        waitFor("the listener back", 10_000, () -> command("pbx:callback-status").contains("Listening:  127.0.0.1:" + CALLBACK_PORT));
        try (DatagramSocket app = client("127.0.0.1")) {
            send(app, "CB/1 PING id=back");
            assertEquals("CB/1 PONG id=back", receive(app));
        }
    }

    @Test
    public void theConsoleOriginatesACallBetweenTwoSippParties() throws Exception {
        Party bob = device("1002", "calls/uas-answer.xml");
        Party carol = device("1003", "calls/uas-answer-then-bye.xml");
        String out = command("pbx:call-originate 1002 1003 --timeout 20");
        Sipp.Result first = bob.await();
        Sipp.Result second = carol.await();
        assertTrue(out, out.contains("connected: call "));
        passed("first party", first);
        passed("second party", second);
        assertTrue(out, out.matches("(?s)Call [0-9a-f]{8}: calling 1002, then 1003.*first party answered.*connected: call [0-9a-f]{8} is up.*"));
        CallDetailRecord cdr = record();
        assertEquals(List.of("1002", "1003", "ANSWERED"), List.of(cdr.caller(), cdr.callee(), cdr.disposition().name()));
        assertTrue(cdr.notes().toString(), cdr.notes().get(0).startsWith("Originated by console:"));

        assertCommand("pbx:call-originate 1002 10/03", "Error: second must be 1-64 of the characters");
        assertCommand("pbx:call-originate 1002 1003 --timeout 0", "Error: answerTimeout must be between 1 and 300 seconds");
        String unknown = command("pbx:call-originate 7777 1003 --timeout 5");
        assertTrue(unknown, unknown.contains("Error: Call ") && unknown.contains("failed at the first party: 404"));
    }
}
