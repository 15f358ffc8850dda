package org.plugboard.media.internal.command;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.media.MediaListener;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.PortUsage;
import org.plugboard.api.media.Side;
import org.plugboard.media.internal.LocalMediaGatewayTest;
import org.plugboard.media.internal.MediaGateways;
import org.plugboard.media.relay.RelayConfig;
import org.plugboard.media.relay.RelayGateway;

class CommandsTest {
    /** A remote engine that does not tell its pool: the commands must say so, not fail. */
    static final MediaGateway REMOTE = new MediaGateway() {
        @Override
        public String engine() {
            return "rtpengine";
        }

        @Override
        public MediaSession open(String callId, MediaListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<MediaSession> find(String sessionId) {
            return Optional.empty();
        }

        @Override
        public List<MediaSession> sessions() {
            return List.of();
        }

        @Override
        public PortUsage ports() {
            return PortUsage.UNKNOWN;
        }
    };

    @Test
    void listAndPortsShowEveryEngine() throws Exception {
        try (RelayGateway local = new RelayGateway(RelayConfig.defaults().withPorts(40400, 40419).withBindAddress("127.0.0.1").withThreads(1))) {
            MediaGateways all = new MediaGateways();
            all.bind(REMOTE, Map.of(MediaGateway.ENGINE, "rtpengine"));
            all.bind(local, Map.of(MediaGateway.ENGINE, "local"));
            MediaSession s = local.open("call-42", LocalMediaGatewayTest.QUIET);
            s.offer(Side.CALLER, LocalMediaGatewayTest.sdp(), "127.0.0.1", "127.0.0.1");

            String list = run(out -> MediaListCommand.print(all.all(), out, ZoneId.of("UTC")));
            assertTrue(list.contains(s.id()) && list.contains("call-42") && list.contains("CALLER") && list.contains("CALLEE"), list);
            assertTrue(list.contains("127.0.0.1:4000"), list);
            assertTrue(list.contains("1 session(s) on 2 engine(s)"), list);

            String ports = run(out -> MediaPortsCommand.print(all.all(), out));
            assertTrue(ports.matches("(?s).*local\\s*\\|\\s*20\\s*\\|\\s*16\\s*\\|\\s*4\\s*\\|\\s*1.*"), ports);
            assertTrue(ports.matches("(?s).*rtpengine\\s*\\|\\s*unknown.*"), ports);
            s.release();
            all.unbind(REMOTE);
            assertTrue(all.all().size() == 1);
        }
        String none = run(out -> MediaPortsCommand.print(List.of(), out));
        assertTrue(none.contains("install feature pbx-media"), none);
    }

    @Test
    void conferencesShowRoomsMembersAndMutesAndDeactivationClosesThem() throws Exception {
        org.plugboard.media.internal.LocalMediaGateway local = new org.plugboard.media.internal.LocalMediaGateway(
                org.plugboard.media.internal.LocalMediaGatewayTest.config(40420, 40439));
        org.plugboard.api.media.Conference room;
        try {
            org.plugboard.api.media.MediaEndpoint leg = local.endpoint("call-7", Side.CALLER);
            leg.offer("127.0.0.1");
            leg.answered("v=0\r\no=p 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio 40998 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n", "127.0.0.1");
            room = local.conference("sales").toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
            room.join(leg, true).toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
            local.conference("empty").toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
            MediaGateways all = new MediaGateways();
            all.bind(local, Map.of(MediaGateway.ENGINE, "local"));
            all.bind(REMOTE, Map.of(MediaGateway.ENGINE, "rtpengine"));
            String text = run(out -> MediaConferencesCommand.print(all.all(), out));
            assertTrue(text.matches("(?s).*local\\s*\\|\\s*sales\\s*\\|\\s*" + leg.id() + "\\s*\\|\\s*yes.*"), text);
            assertTrue(text.contains("(empty)") && text.contains("2 room(s) on 2 engine(s)"), text);
        } finally {
            local.deactivate();
        }
        assertTrue(local.conferences().isEmpty(), "the engine's rooms close with it");
        assertTrue(room.members().isEmpty());
    }

    private static String run(java.util.function.Consumer<PrintStream> command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        command.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
