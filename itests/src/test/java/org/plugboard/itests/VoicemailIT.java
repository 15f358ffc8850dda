package org.plugboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrSink;

/**
 * Voicemail against the real distribution (pbx-forwarding, pbx-subscriptions, pbx-voicemail installed live). The
 * audio of each SIPp caller is the test's {@link RtpPhone}: it sends a 1000 Hz tone and RFC 4733 digits and hears
 * what the PBX plays. In order:
 * <ol>
 * <li>1002 calls 1001, busy (486) and forwarded (cfb) to its busy deposit number 961001: 1001's busy greeting placed
 * as a file plays, the caller's tone is recorded until its BYE; right after the BYE the message is listed, and its WAV
 * holds the tone (Goertzel) for about as long as it was sent; 1001's message-summary watcher gets a NOTIFY with
 * Messages-Waiting: yes, Voice-Message: 1/0.</li>
 * <li>1001 dials *97, types its PIN and 1 as RFC 4733 digits, hears the tone of the message, saves it (9) and
 * leaves (*): the PBX hangs up, the message is saved.</li>
 * <li>Three wrong PINs: the PBX hangs up.</li>
 * <li>A full box (quota 1 message): the caller hears the prompt, nothing is recorded, the PBX hangs up.</li>
 * <li>pbx-voicemail-email installed live, 1001's address set: a message left for 1001 arrives at an SMTP server the
 * test runs ({@link SmtpSink}, port 43150) with the WAV attached, byte for byte the stored one.</li>
 * <li>{@code bundle:update org.plugboard.media} while a caller leaves a message: the caller stays connected, the
 * recording goes on in the new version into the same file, and the saved message holds the 5 s tone unbroken
 * (no gap longer than the relay's 70-90 ms).</li>
 * </ol>
 * SIP client ports 17550-17559, 17640 and 17643, RTP 17580-17589, 17642 and 17644, SMTP 43150.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class VoicemailIT extends PbxTestSupport {
    private static final String PID = "org.plugboard.voicemail";
    private static final String PIN = "4725";
    private static final double HZ = 1000;
    private static final int WATCHER_PORT = 17550;
    private static final int CALLER_PORT = 17551;
    private static final int OWNER_PORT = 17552;
    private static final int GUESSER_PORT = 17553;
    private static final int FULL_PORT = 17554;
    private static final int BUSY_PORT = 17555;
    private static final int EMAIL_CALLER_PORT = 17640;
    private static final int UPDATE_CALLER_PORT = 17643;
    private static final int SMTP_PORT = 43150;


    @Inject
    protected ConfigurationAdmin configAdmin;

    @Inject
    @Filter(timeout = 60_000)
    protected CallControl calls;

    private final List<CallDetailRecord> cdrs = new CopyOnWriteArrayList<>();
    private ServiceRegistration<CdrSink> sink;

    @Override
    protected Option[] extraOptions() {
        return new Option[] {editConfigurationFilePut("etc/org.plugboard.registrar.cfg", "ban.allow", "127.0.0.1")};
    }

    @Before
    public void installVoicemail() throws Exception {
        ensureFeature(features, "pbx-forwarding", "pbx:fwd-list", "with forwarding settings");
        if (!features.isInstalled(features.getFeature("pbx-subscriptions"))) {
            features.installFeature("pbx-subscriptions");
        }
        ensureFeature(features, "pbx-voicemail", "pbx:vm-list", "Mailbox");
        waitFor("the message-summary package", 30_000, () -> command("pbx:sub-list").contains("message-summary"));
        String pin = command("pbx:vm-pin 1001 " + PIN);
        assertTrue(pin, pin.contains("Voicemail PIN of 1001 set"));
        for (String fwd : List.of(command("pbx:fwd-set 1001 cfb 961001"), command("pbx:fwd-set 1001 cfnrc 971001"))) {
            assertTrue(fwd, fwd.contains("1001") && !fwd.contains("Error"));
        }
        sink = collectCdrs(cdrs);
    }

    @After
    public void removeSink() {
        if (sink != null) {
            sink.unregister();
        }
    }

    private static Path box(String extension) {
        return Path.of(System.getProperty("karaf.data"), "voicemail", extension);
    }

    private static List<Path> messageFiles(String extension) throws Exception {
        if (!Files.isDirectory(box(extension))) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(box(extension))) {
            return files.filter(f -> f.getFileName().toString().matches("msg-.*\\.wav")).toList();
        }
    }

    @Test
    public void a_aCallerForwardedOnBusyLeavesTheToneAndTheLampLights() throws Exception {
        // 1001's own busy greeting, placed as a file: half a second of 400 Hz
        Files.createDirectories(box("1001"));
        Path greeting = box("1001").resolve("greeting-busy.wav");
        short[] g = new short[4000];
        for (int i = 0; i < g.length; i++) {
            g[i] = (short) (6000 * Math.sin(2 * Math.PI * 400 * i / 8000));
        }
        Files.write(greeting, Wav.pcm16(g));

        Sipp.Running watcher = sipp("voicemail/mwi-watcher.xml").user("1001", password("1001")).service("1001")
                .key("watched", "1001").key("expires", "120").from("127.0.0.1", WATCHER_PORT).timeout(60).start();
        waitFor("1001 watching its mailbox", 10_000, () -> command("pbx:sub-list 1001").contains("message-summary"));

        Sipp.Result caller;
        Sipp.Result busy;
        double greetingHeard;
        register("1001", BUSY_PORT);
        try (RtpPhone phone = new RtpPhone(17580)) {
            Sipp.Running b = sipp("calls/uas-reject.xml").server().user("1001", password("1001")).from("127.0.0.1", BUSY_PORT)
                    .expect(486).timeout(25).start();
            Sipp.Running c = sipp("voicemail/uac-leave-message.xml").user("1002", password("1002")).service("1001")
                    .key("caller", "1002").key("aport", Integer.toString(phone.port())).key("hold_ms", "7000")
                    .from("127.0.0.1", CALLER_PORT).timeout(30).start();
            phone.awaitAudio(10_000); // the greeting: answered by voicemail
            Thread.sleep(800); // greeting (0.5 s) and beep: then the message
            phone.sendTone(HZ, 4000);
            caller = c.await();
            busy = b.await();
            greetingHeard = phone.toneHeard(400);
        } finally {
            unregister("1001", BUSY_PORT);
        }
        passed("1001 busy (486)", busy);
        assertTrue("1001's busy greeting (400 Hz) heard for " + greetingHeard + " s", greetingHeard >= 0.3);
        passed("caller forwarded to voicemail, hanging up after its message", caller);
        assertTrue("forwarded: " + caller.messages(), caller.messages().contains("SIP/2.0 200"));

        // durable as soon as the caller has hung up: listed at once, its WAV holds the tone
        waitFor("the message listed", 3000, () -> command("pbx:vm-list 1001").contains("1002"));
        List<Path> files = messageFiles("1001");
        assertEquals(files.toString(), 1, files.size());
        short[] pcm = RtpPhone.wavSamples(files.get(0));
        double seconds = pcm.length / 8000.0;
        double tone = RtpPhone.longestTone(pcm, HZ);
        assertTrue("recorded " + seconds + " s", seconds > 3.0 && seconds < 8.0);
        assertTrue("the " + HZ + " Hz tone in the message for " + tone + " s of " + seconds, tone > 2.8 && tone < 4.5);
        assertTrue(command("pbx:vm-show 1001"), command("pbx:vm-show 1001").contains("1 new, 0 saved"));

        Sipp.Result w = watcher.await();
        passed("message-summary watcher (initial no, then yes 1/0)", w);
        assertTrue(w.messages(), w.messages().contains("Voice-Message: 1/0"));
    }

    @Test
    public void b_theOwnerLogsInWithDigitsHearsTheMessageAndSavesIt() throws Exception {
        Sipp.Result owner;
        double heard;
        try (RtpPhone phone = new RtpPhone(17581)) {
            Sipp.Running c = sipp("voicemail/uac-until-hangup.xml").user("1001", password("1001")).service("*97")
                    .key("caller", "1001").key("aport", Integer.toString(phone.port())).from("127.0.0.1", OWNER_PORT)
                    .timeout(60).start();
            phone.awaitAudio(10_000);
            phone.sendDigits(PIN + "#");
            Thread.sleep(300);
            phone.sendDigits("1"); // new messages: typed ahead of the envelope
            waitFor("the message's tone heard", 30_000, () -> phone.toneHeard(HZ) > 2.5);
            heard = phone.toneHeard(HZ);
            phone.sendDigits("9"); // save
            Thread.sleep(1500);
            phone.sendDigits("*"); // main menu: hang up
            owner = c.await();
        }
        passed("owner: PIN, listen, save, goodbye (the PBX hangs up)", owner);
        assertTrue("heard " + heard + " s of the tone", heard < 5);
        waitFor("the message saved", 5000, () -> command("pbx:vm-show 1001").contains("0 new, 1 saved"));
    }

    @Test
    public void c_threeWrongPinsEndTheCall() throws Exception {
        Sipp.Result guesser;
        long start = System.nanoTime();
        try (RtpPhone phone = new RtpPhone(17582)) {
            Sipp.Running c = sipp("voicemail/uac-until-hangup.xml").user("1001", password("1001")).service("*97")
                    .key("caller", "1001").key("aport", Integer.toString(phone.port())).from("127.0.0.1", GUESSER_PORT)
                    .timeout(40).start();
            phone.awaitAudio(10_000);
            for (String wrong : List.of("1234#", "2345#", "3456#")) {
                phone.sendDigits(wrong);
                Thread.sleep(1000);
            }
            guesser = c.await();
            assertTrue("heard only prompts: " + phone.toneHeard(HZ), phone.toneHeard(HZ) < 0.5);
        }
        passed("three wrong PINs: the PBX hangs up", guesser);
        assertTrue("ended within 30 s", Duration.ofNanos(System.nanoTime() - start).toSeconds() < 30);
        CallDetailRecord cdr = cdrOf(cdrs, guesser);
        assertTrue("the CDR: " + cdr, cdr.toString().contains("PIN") || cdr.toString().contains("403"));
    }

    @Test
    public void d_aFullBoxSaysSoAndRecordsNothing() throws Exception {
        configure(configAdmin, PID, "quota.messages", "1");
        try {
            waitFor("the quota in effect", 10_000, () -> command("pbx:vm-show 1001").contains("Quota:      1 messages"));
            Sipp.Result caller;
            double heard;
            try (RtpPhone phone = new RtpPhone(17583)) {
                Sipp.Running c = sipp("voicemail/uac-until-hangup.xml").user("1002", password("1002")).service("971001")
                        .key("caller", "1002").key("aport", Integer.toString(phone.port())).from("127.0.0.1", FULL_PORT)
                        .timeout(30).start();
                phone.awaitAudio(10_000);
                phone.sendTone(HZ, 3000); // would be a message, if there were room
                caller = c.await();
                heard = phone.secondsHeard();
            }
            passed("caller to a full box: the prompt, then the PBX hangs up", caller);
            assertTrue("heard " + heard + " s: mailbox full and goodbye", heard > 3 && heard < 7);
            assertEquals(1, messageFiles("1001").size());
            assertTrue(command("pbx:vm-show 1001").contains("0 new, 1 saved"));
        } finally {
            configure(configAdmin, PID, "quota.messages", "50");
        }
    }

    @Test
    public void e_withPbxVoicemailEmailAMessageIsMailedWithItsRecording() throws Exception {
        try (SmtpSink smtp = SmtpSink.start(SMTP_PORT)) {
            ensureFeature(features, "pbx-voicemail-email", "pbx:vm-email-list", "Mails: sent");
            String emailPid = "org.plugboard.voicemail.email";
            configure(configAdmin, emailPid, "smtp.host", "127.0.0.1");
            configure(configAdmin, emailPid, "smtp.port", Integer.toString(SMTP_PORT));
            String bad = command("pbx:vm-email 1001 alice.example.com");
            assertTrue(bad, bad.contains("Error: address refused") && bad.contains("pbx:vm-email 1001 alice@example.com"));
            String set = command("pbx:vm-email 1001 alice@example.com");
            assertTrue(set, set.contains("Voicemail of 1001 is mailed to alice@example.com"));

            shortUnavailableGreeting();
            List<Path> before = messageFiles("1001");
            Sipp.Result caller;
            try (RtpPhone phone = new RtpPhone(17642)) {
                Sipp.Running c = leaveMessageFor1001(phone, EMAIL_CALLER_PORT, 3500, 20);
                phone.awaitAudio(10_000);
                Thread.sleep(600); // greeting (0.3 s) and beep: then the message
                phone.sendTone(HZ, 2000);
                caller = c.await();
            }
            passed("caller leaving a message for 1001", caller);

            SmtpSink.Mail mail = smtp.await(15_000);
            List<Path> files = new java.util.ArrayList<>(messageFiles("1001"));
            files.removeAll(before);
            assertEquals(files.toString(), 1, files.size());
            assertEquals(List.of("<alice@example.com>"), mail.to());
            assertTrue(mail.header("Subject"), mail.header("Subject").startsWith("Voice message for 1001 from 1002 ("));
            String text = new String(mail.part("text/plain"), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(text, text.contains("mailbox 1001") && text.contains("The recording is attached"));
            byte[] wav = mail.part("audio/wav");
            assertTrue("an audio/wav part: " + mail.data().substring(0, Math.min(2000, mail.data().length())), wav != null);
            assertTrue("the attachment is the stored message", java.util.Arrays.equals(Files.readAllBytes(files.get(0)), wav));
            waitFor("the mail counted", 5000, () -> command("pbx:vm-email-list").contains("sent 1, failed 0"));
            assertTrue(command("pbx:vm-email-list").contains("alice@example.com"));
        } finally {
            command("pbx:vm-email-clear 1001");
            Files.deleteIfExists(box("1001").resolve("greeting-unavailable.wav"));
        }
    }

    @Test
    public void f_aMessageBeingLeftSurvivesAnUpdateOfTheMediaEngine() throws Exception {
        Path greeting = shortUnavailableGreeting();
        org.osgi.framework.Bundle media = bundleOf("org.plugboard.media");
        Object revisionBefore = media.adapt(org.osgi.framework.wiring.BundleRevision.class);
        List<Path> before = messageFiles("1001");
        List<Path> partsBefore = parts("1001"); // a message an earlier call may still be leaving
        Sipp.Result caller;
        try (RtpPhone phone = new RtpPhone(17644)) {
            Sipp.Running c = leaveMessageFor1001(phone, UPDATE_CALLER_PORT, 14_000, 40); // hangs up well after the tone
            phone.awaitAudio(10_000);
            Path[] part = new Path[1];
            waitFor("this call's recording started", 5000, () -> (part[0] = newPart(partsBefore)) != null);
            Thread talker = new Thread(() -> {
                try {
                    phone.sendTone(HZ, 5000);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "itest-vm-tone");
            talker.start();
            // the engine writes in 1 s chunks: 1.5 s of the tone in the file before the update
            waitFor("1.5 s recorded", 5000, () -> size(part[0]) >= 12_000);
            media.update();
            waitFor("the new engine active", 10_000, () -> media.getState() == org.osgi.framework.Bundle.ACTIVE);
            long atUpdate = size(part[0]);
            waitFor("the new engine writing the same file", 5000, () -> size(part[0]) >= atUpdate + 8000);
            talker.join(10_000);
            caller = c.await();
        } finally {
            Files.deleteIfExists(greeting);
        }
        assertTrue("the media bundle was really updated", revisionBefore != media.adapt(org.osgi.framework.wiring.BundleRevision.class));
        passed("caller leaving a message across the media update, hanging up after it", caller);
        waitFor("the message saved", 3000, () -> newMessage(before) != null);
        short[] pcm = RtpPhone.wavSamples(newMessage(before));
        double tone = RtpPhone.longestTone(pcm, HZ);
        System.out.println("VoicemailIT: message across the media update " + pcm.length / 8000.0 + " s, tone unbroken "
                + tone + " s of 5 s sent");
        // a gap of more than one 20 ms frame anywhere would split the run; 5 s sent, the first frame may be partial
        assertTrue("the tone unbroken across the update: " + tone + " s of 5 s", tone >= 4.9 && tone <= 5.1);
    }

    /** 1001's message file that is not in {@code before}, or null. */
    private static Path newMessage(List<Path> before) {
        try {
            return messageFiles("1001").stream().filter(f -> !before.contains(f)).findFirst().orElse(null);
        } catch (Exception e) {
            return null;
        }
    }

    /** A short silent personal unavailable greeting for 1001, so a message starts at once. */
    private static Path shortUnavailableGreeting() throws java.io.IOException {
        Files.createDirectories(box("1001"));
        return Files.write(box("1001").resolve("greeting-unavailable.wav"), Wav.pcm16(new short[2400]));
    }

    /** 1002 calls 1001's unavailable deposit number, its audio on {@code phone}, and hangs up after {@code holdMs}. */
    private Sipp.Running leaveMessageFor1001(RtpPhone phone, int sipPort, int holdMs, int timeoutSeconds) throws Exception {
        return sipp("voicemail/uac-leave-message.xml").user("1002", password("1002")).service("971001")
                .key("caller", "1002").key("aport", Integer.toString(phone.port())).key("hold_ms", Integer.toString(holdMs))
                .from("127.0.0.1", sipPort).timeout(timeoutSeconds).start();
    }

    /** The messages being recorded ({@code msg-*.wav.part}) in a box. */
    private static List<Path> parts(String extension) {
        if (!Files.isDirectory(box(extension))) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(box(extension))) {
            return files.filter(f -> f.getFileName().toString().matches("msg-.*\\.wav\\.part")).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    /** A message of 1001 being recorded that is not in {@code before}, or null. */
    private static Path newPart(List<Path> before) {
        return parts("1001").stream().filter(p -> !before.contains(p)).findFirst().orElse(null);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return -1; // moved into place meanwhile
        }
    }

    /** Writes a 16-bit PCM WAV (8000 Hz mono). */
    static final class Wav {
        static byte[] pcm16(short[] samples) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + samples.length * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.putInt(0x46464952).putInt(36 + samples.length * 2).putInt(0x45564157);
            b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000)
                    .putShort((short) 2).putShort((short) 16);
            b.putInt(0x61746164).putInt(samples.length * 2);
            for (short s : samples) {
                b.putShort(s);
            }
            return b.array();
        }
    }
}
