package gov.nist.javax.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.DatagramPacket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * The UDP queue's age bound (issue 18): a request that waited past the limit is dropped as a worker takes it, counted,
 * and the worker gets the next; responses always pass. A manual clock: the reception times are the queue's own.
 */
class StaleRequestDropTest {
    private final AtomicLong now = new AtomicLong(10_000);
    private final StampingQueue queue = new StampingQueue(now::get);

    @Test
    void aRequestOlderThanTheLimitIsDroppedAndTheNextOneTaken() throws Exception {
        queue.dropRequestsOlderThan(2_000);
        queue.offer(queued("REGISTER sip:pbx SIP/2.0", 7_000)); // waited 3 s
        queue.offer(queued("INVITE sip:1002@pbx SIP/2.0", 9_500)); // waited 0.5 s

        assertEquals("INVITE", method(queue.take()));
        assertEquals(1, queue.droppedStale.sum());
    }

    @Test
    void aResponseIsNeverDroppedHoweverLongItWaited() throws Exception {
        queue.dropRequestsOlderThan(2_000);
        queue.offer(queued("SIP/2.0 200 OK", 1_000));

        assertEquals("SIP/2.0", method(queue.take()));
        assertEquals(0, queue.droppedStale.sum());
    }

    @Test
    void theRequestsTheAdmissionNeverRefusesAreNeverDropped() throws Exception {
        queue.dropRequestsOlderThan(2_000);
        for (String m : java.util.List.of("ACK", "BYE", "CANCEL", "PRACK", "OPTIONS")) {
            queue.offer(queued(m + " sip:pbx SIP/2.0", 1_000));
            assertEquals(m, method(queue.take()));
        }
        assertEquals(0, queue.droppedStale.sum());
    }

    @Test
    void aPollThatFindsOnlyStaleRequestsAnswersNothing() throws Exception {
        queue.dropRequestsOlderThan(2_000);
        queue.offer(queued("SUBSCRIBE sip:pbx SIP/2.0", 5_000));
        queue.offer(queued("MESSAGE sip:pbx SIP/2.0", 6_000));

        assertNull(queue.poll(1, TimeUnit.SECONDS));
        assertEquals(2, queue.droppedStale.sum());
        assertEquals(0, queue.size());
    }

    @Test
    void withoutALimitAndAtTheLimitEveryRequestIsKept() throws Exception {
        queue.offer(queued("REGISTER sip:pbx SIP/2.0", 0));
        assertEquals("REGISTER", method(queue.take()));
        queue.dropRequestsOlderThan(2_000);
        queue.offer(queued("REGISTER sip:pbx SIP/2.0", 8_000)); // exactly 2 s

        assertEquals("REGISTER", method(queue.take()));
        assertEquals(0, queue.droppedStale.sum());
    }

    @Test
    void theWakeUpAStopQueuesForEachWorkerIsNeverDropped() throws Exception {
        queue.dropRequestsOlderThan(1);
        queue.offer(new DatagramQueuedMessageDispatch(null, 0));

        assertNull(queue.take().packet);
    }

    @Test
    void aNegativeLimitIsRefusedWithTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> queue.dropRequestsOlderThan(-1));
        assertEquals("a queue age limit of -1 ms: use 0 (none) or more", e.getMessage());
    }

    private static DatagramQueuedMessageDispatch queued(String firstLine, long receivedAt) {
        byte[] data = (firstLine + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        return new DatagramQueuedMessageDispatch(new DatagramPacket(data, data.length), receivedAt);
    }

    private static String method(DatagramQueuedMessageDispatch d) {
        return new String(d.packet.getData(), d.packet.getOffset(), d.packet.getLength(), StandardCharsets.US_ASCII).split(" ")[0];
    }
}
