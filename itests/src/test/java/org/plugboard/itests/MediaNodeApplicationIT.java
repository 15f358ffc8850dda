package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.plugboard.api.application.MediaApplication;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.Router;
import org.plugboard.api.service.Outcome;

/**
 * A call into a media application that runs on a separate Plugboard media node (issue 14): number 500 is routed
 * to application 'itapp' (registered by the test), {@code media.engine} names the node, whose pong says it
 * terminates legs. The node answers the SIPp caller, plays a sox-made 1 kHz prompt to a socket of the test (the
 * caller's SDP audio port: sox finds 1 kHz in what arrived), collects the RFC 4733 '5' SIPp plays, and the
 * application's end hangs up. Ports: SIP 17600, SIPp media 17602, audio socket 17608 (SIPp takes 17602-17605 for audio and video), node ng 17610, node media
 * 17620-17649.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MediaNodeApplicationIT extends PbxTestSupport {
    private static final String DTMF_PCAP = "/usr/share/sip-tester/dtmf_2833_5.pcap";
    private static final int NODE_NG = 17610;

    @Inject
    ConfigurationAdmin configAdmin;


    @Test
    public void anApplicationOnTheMediaNodePlaysItsPromptAndCollectsTheCallersDigit() throws Exception {
        Path dir = Files.createTempDirectory("medianode-it");
        Path prompt = dir.resolve("prompt.wav");
        run("sox", "-n", "-r", "8000", "-c", "1", "-e", "u-law", prompt.toString(), "synth", "0.6", "sine", "1000");
        List<CallDetailRecord> cdrs = new CopyOnWriteArrayList<>();
        CompletableFuture<String> collected = new CompletableFuture<>();
        MediaApplication app = leg -> leg.play(prompt.toString(), false)
                .thenCompose(v -> leg.collect(1, "#", Duration.ofSeconds(8)))
                .handle((digits, error) -> {
                    if (error != null) {
                        collected.completeExceptionally(error);
                    } else {
                        collected.complete(digits);
                    }
                    return Outcome.proceed();
                });
        Router router = r -> "500".equals(r.dialled()) ? new Route.ToApplication("itapp", Map.of()) : null;
        Hashtable<String, Object> appProps = new Hashtable<>(Map.of(MediaApplication.NAME, "itapp"));
        Hashtable<String, Object> routerProps = new Hashtable<>(Map.of("service.ranking", 100));
        ServiceRegistration<?> appReg = bundleContext.registerService(MediaApplication.class, app, appProps);
        ServiceRegistration<?> routerReg = bundleContext.registerService(Router.class, router, routerProps);
        ServiceRegistration<?> sink = collectCdrs(cdrs);
        Configuration engine = null;
        try (MediaNode node = MediaNode.start(NODE_NG, 17620, 17649);
                DatagramSocket audio = new DatagramSocket(new InetSocketAddress("127.0.0.1", 17608))) {
            engine = MediaNode.remoteEngine(features, configAdmin, bundleContext, "node1", NODE_NG);
            node.awaitReady();
            MediaGateway gateway = bundleContext.getService(bundleContext.getServiceReferences(MediaGateway.class,
                    "(plugboard.media.engine=node1)").iterator().next());
            waitFor("the node's pong says it terminates legs", 20_000, gateway::terminatesLegs);
            configure(configAdmin, "org.plugboard.calls", "media.engine", "node1");

            Sipp.Running uac = sipp("medianode/uac-application.xml").user("1001", password("1001")).service("500")
                    .key("caller", "1001").key("aport", "17608").from("127.0.0.1", 17600).mediaPort(17602)
                    .define("DTMF_PCAP", DTMF_PCAP).define("PROMPT_WAIT_MS", "1500").timeout(30).start();
            byte[] heard = receive(audio);
            Sipp.Result caller = uac.await();
            passed("caller", caller);
            assertEquals("the caller's digit reached the application", "5", collected.get(10, TimeUnit.SECONDS));

            Matcher m = Pattern.compile("(?s)SIP/2.0 200 OK.*?m=audio (\\d+) RTP/AVP 8 101").matcher(caller.messages());
            assertTrue(caller.messages(), m.find());
            int port = Integer.parseInt(m.group(1));
            assertTrue("the node answered (its port " + port + ")", port >= 17620 && port <= 17649);
            assertTrue("about 600 ms of prompt reached the caller's audio port: " + heard.length + " bytes", heard.length >= 4000);
            // the prompt only: after it the node may send silence until the caller's digit moves its latch
            Path raw = Files.write(dir.resolve("heard.al"), java.util.Arrays.copyOf(heard, Math.min(heard.length, 4800)));
            Matcher f = Pattern.compile("Rough\\s+frequency:\\s+(\\d+)").matcher(run("sox", "-t", "al", "-r", "8000", "-c", "1",
                    raw.toString(), "-n", "stat"));
            assertTrue(f.find());
            assertEquals("the prompt's tone", 1000, Integer.parseInt(f.group(1)), 60);
            CallDetailRecord cdr = cdrOf(cdrs, caller);
            assertEquals(CallTag.CALLEE_BYE, cdr.tag());
            assertEquals("Media application 'itapp' ended", cdr.reason());
        } finally {
            configure(configAdmin, "org.plugboard.calls", "media.engine", "local");
            if (engine != null) {
                engine.delete();
            }
            sink.unregister();
            routerReg.unregister();
            appReg.unregister();
            new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor();
        }
    }

    /** The PCMA payloads sent to the audio socket until it stays silent for a second (after the first packet). */
    private static byte[] receive(DatagramSocket audio) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        audio.setSoTimeout(15_000);
        while (true) {
            DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
            try {
                audio.receive(p);
            } catch (SocketTimeoutException e) {
                return out.toByteArray();
            }
            if ((p.getData()[1] & 0x7f) == 8) {
                out.write(p.getData(), 12, p.getLength() - 12);
            }
            audio.setSoTimeout(1000);
        }
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(String.join(" ", command) + ": " + out, p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0);
        return out;
    }
}
