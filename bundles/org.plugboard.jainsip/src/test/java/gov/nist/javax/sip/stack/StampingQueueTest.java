package gov.nist.javax.sip.stack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two datagrams a peer sends back to back (a 180, then its 200) are parsed by two workers in either order; the ladder
 * must still show them in the order they came. Regression: the stamp was taken when a worker parsed the message.
 */
class StampingQueueTest {
    private final StampingQueue queue = new StampingQueue();
    private final ExecutorService first = Executors.newSingleThreadExecutor();
    private final ExecutorService second = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        first.shutdownNow();
        second.shutdownNow();
    }

    @Test
    void theDatagramQueuedFirstKeepsTheEarlierStampWhicheverWorkerReadsItFirst() throws Exception {
        queue.offer(new DatagramQueuedMessageDispatch(packet(), System.currentTimeMillis())); // the 180
        queue.offer(new DatagramQueuedMessageDispatch(packet(), System.currentTimeMillis())); // the 200
        first.submit(() -> queue.take()).get(5, TimeUnit.SECONDS); // takes the 180 ...
        second.submit(() -> queue.poll(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS); // ... the 200

        long twoHundred = second.submit(MessageStamps::arrivalOfCurrentMessage).get(5, TimeUnit.SECONDS); // parsed first
        long oneEighty = first.submit(MessageStamps::arrivalOfCurrentMessage).get(5, TimeUnit.SECONDS);

        assertTrue(oneEighty < twoHundred, "180 stamped " + oneEighty + ", 200 stamped " + twoHundred);
    }

    @Test
    void aStampIsReadOnceAndThreadsWithoutAQueueGetANewOne() throws Exception {
        queue.offer(new DatagramQueuedMessageDispatch(packet(), System.currentTimeMillis()));
        long queued = first.submit(() -> {
            queue.take();
            return MessageStamps.arrivalOfCurrentMessage();
        }).get(5, TimeUnit.SECONDS);
        long later = MessageStamps.next();
        long again = first.submit(MessageStamps::arrivalOfCurrentMessage).get(5, TimeUnit.SECONDS);
        long tcp = CompletableFuture.supplyAsync(MessageStamps::arrivalOfCurrentMessage, second).get(5, TimeUnit.SECONDS);

        assertTrue(queued < later && later < again && again < tcp, queued + " " + later + " " + again + " " + tcp);
    }

    @Test
    void theReceptionTimeTheOverloadGuardReadsIsKept() {
        queue.offer(new DatagramQueuedMessageDispatch(packet(), 1234L));
        assertTrue(queue.peek().getReceptionTime() == 1234L && queue.peek().packet != null);
    }

    private static DatagramPacket packet() {
        return new DatagramPacket(new byte[1], 1);
    }
}
