package org.plugboard.media.ng.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.Side;

/**
 * offerAsync/answerAsync against a port where nothing answers (22231) and against a scripted engine socket (22232)
 * that answers when the test says so: the caller's thread never waits, replies are handled off the socket's loop.
 */
@Timeout(30)
class NgAsyncSignallingTest {

    @Test
    void offerAsyncToADeadEngineReturnsAtOnceAndFailsAfterTheBound() throws Exception {
        NgMediaGateway gateway = new NgMediaGateway("dead", "127.0.0.1:22231", 200, 2, 5, 60);
        try {
            // the first call of a JVM loads classes; what is measured is the call, not the class loader
            gateway.open("warm-up", new RecordingListener()).offerAsync(Side.CALLER, Sdps.audio(42000), null, null);
            MediaSession session = gateway.open("call", new RecordingListener());

            long start = System.nanoTime();
            CompletionStage<String> stage = session.offerAsync(Side.CALLER, Sdps.audio(42000), "127.0.0.1", null);
            CompletableFuture<Thread> completer = new CompletableFuture<>();
            stage.whenComplete((sdp, error) -> completer.complete(Thread.currentThread())); // attached before it can fail

            CompletableFuture<String> future = stage.toCompletableFuture();
            // not done when offerAsync returned: the caller did not wait for the 600 ms the engine had to answer
            assertFalse(future.isDone(), "the stage is not completed when offerAsync returns");

            ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.SECONDS));
            long millis = (System.nanoTime() - start) / 1_000_000;
            MediaException m = assertInstanceOf(MediaException.class, e.getCause());
            assertEquals(MediaException.Kind.ENGINE_FAILURE, m.kind());
            assertTrue(m.getMessage().contains("127.0.0.1:22231") && m.getMessage().contains("600 ms"), m.getMessage());
            assertTrue(millis >= 550, "failed after " + millis + " ms, before the bound of 600 ms"); // no upper bound: a busy machine
            // the failure is completed on the reply executor; a dependent may also be run by a thread that waits in get()
            // (CompletableFuture lets waiters help), but never by the socket's event loop
            String thread = completer.get(1, TimeUnit.SECONDS).getName();
            assertTrue(!thread.startsWith("ng-client-"), "completed off the socket's event loop: " + thread);
            assertEquals(0, gateway.transport().pending(), "nothing left waiting");
        } finally {
            gateway.deactivate();
        }
    }

    @Test
    void failuresKnownBeforeSendingFailTheStageWithTheMediaExceptionAndSendNothing() throws Exception {
        NgMediaGateway gateway = new NgMediaGateway("big", "127.0.0.1:22231", 200, 0, 5, 60);
        try {
            MediaSession session = gateway.open("call", new RecordingListener());
            String huge = Sdps.audio(42000) + "a=x-filler:" + "x".repeat(70_000) + "\r\n";
            assertEquals(MediaException.Kind.BAD_SDP, failure(session.offerAsync(Side.CALLER, huge, null, null)).kind());
            assertEquals(MediaException.Kind.NO_SESSION, failure(session.answerAsync(Side.CALLEE, Sdps.audio(42000), null, null)).kind());
            assertEquals(0, gateway.transport().pending(), "nothing sent");
        } finally {
            gateway.deactivate();
        }
    }

    @Test
    void anAnswerGivenBeforeTheOfferCompletedWaitsForIt() throws Exception {
        try (DatagramSocket engine = engineSocket()) {
            NgMediaGateway gateway = new NgMediaGateway("scripted", "127.0.0.1:22232", 2000, 0, 5, 60);
            try {
                MediaSession session = gateway.open("call", new RecordingListener());
                CompletionStage<String> offer = session.offerAsync(Side.CALLER, Sdps.audio(42000), "127.0.0.1", null);
                CompletionStage<String> answer = session.answerAsync(Side.CALLEE, Sdps.audio(42002), "127.0.0.1", null);
                Received offered = receive(engine, 1000);
                assertEquals(Ng.OFFER, offered.message().dict().string(Ng.COMMAND));
                assertNull(receive(engine, 300), "the answer is not sent before the offer's reply");

                reply(engine, offered, Map.of(Ng.RESULT, Ng.OK, Ng.SDP, Sdps.audio(41000)));
                assertEquals(41000, Sdps.audioPort(offer.toCompletableFuture().get(2, TimeUnit.SECONDS)));
                Received answered = receive(engine, 1000);
                NgDict command = answered.message().dict();
                assertEquals(Ng.ANSWER, command.string(Ng.COMMAND));
                assertEquals(session.id() + "-caller", command.string(Ng.FROM_TAG), "the offerer set by the offer's reply");
                assertEquals(session.id() + "-callee", command.string(Ng.TO_TAG));
                reply(engine, answered, Map.of(Ng.RESULT, Ng.OK, Ng.SDP, Sdps.audio(41002)));
                assertEquals(41002, Sdps.audioPort(answer.toCompletableFuture().get(2, TimeUnit.SECONDS)));

                // answered: a re-offer names both tags
                CompletionStage<String> reoffer = session.offerAsync(Side.CALLEE, Sdps.audio(42004), "127.0.0.1", null);
                Received again = receive(engine, 1000);
                assertEquals(session.id() + "-caller", again.message().dict().string(Ng.TO_TAG));
                reply(engine, again, Map.of(Ng.RESULT, Ng.ERROR, Ng.ERROR_REASON, Ng.SDP_PARSE_FAILED));
                assertEquals(MediaException.Kind.BAD_SDP, failure(reoffer).kind(), "the engine's refusal keeps its 488 kind");
            } finally {
                gateway.deactivate();
            }
        }
    }

    @Test
    void aSessionReleasedWhileItsFirstOfferIsOnItsWayIsDeletedWhenTheReplyComes() throws Exception {
        try (DatagramSocket engine = engineSocket()) {
            NgMediaGateway gateway = new NgMediaGateway("scripted", "127.0.0.1:22232", 2000, 0, 5, 60);
            try {
                MediaSession session = gateway.open("call", new RecordingListener());
                CompletionStage<String> offer = session.offerAsync(Side.CALLER, Sdps.audio(42000), "127.0.0.1", null);
                Received offered = receive(engine, 1000);
                session.release();
                assertNull(receive(engine, 300), "nothing to delete yet: the engine may not have the call");

                reply(engine, offered, Map.of(Ng.RESULT, Ng.OK, Ng.SDP, Sdps.audio(41000)));
                offer.toCompletableFuture().get(2, TimeUnit.SECONDS);
                Received delete = receive(engine, 1000);
                assertEquals(Ng.DELETE, delete.message().dict().string(Ng.COMMAND), "the engine's call is not left behind");
                assertEquals(session.id(), delete.message().dict().string(Ng.CALL_ID));
            } finally {
                gateway.deactivate();
            }
        }
    }

    private record Received(NgMessage message, SocketAddress from) {
    }

    private static DatagramSocket engineSocket() throws Exception {
        return new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 22232));
    }

    /** The next datagram, or null when none comes within {@code millis}. */
    private static Received receive(DatagramSocket engine, int millis) throws Exception {
        engine.setSoTimeout(millis);
        DatagramPacket p = new DatagramPacket(new byte[NgCodec.MAX_DATAGRAM], NgCodec.MAX_DATAGRAM);
        try {
            engine.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return new Received(NgCodec.decode(Arrays.copyOf(p.getData(), p.getLength())), p.getSocketAddress());
    }

    private static void reply(DatagramSocket engine, Received to, Map<String, Object> dict) throws Exception {
        byte[] bytes = NgCodec.encode(to.message().cookie(), dict);
        engine.send(new DatagramPacket(bytes, bytes.length, to.from()));
    }

    private static MediaException failure(CompletionStage<String> stage) throws Exception {
        CompletableFuture<String> future = stage.toCompletableFuture();
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(2, TimeUnit.SECONDS));
        return assertInstanceOf(MediaException.class, e.getCause());
    }
}
