package gov.nist.javax.sip.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Plugboard's addition to the RI: its NIO processors, with a UDP processor that can be stopped right after it
 * started. The RI's UDP processor makes its list of worker channels in its own thread; a {@code stop()} before
 * that thread got there (a restart on a configuration change, a test's teardown) fails on the missing or changing
 * list. Ours waits for the processor's thread to end (its socket is closed by then, so it ends at once), stops
 * again when the first stop failed, and wakes every worker so that it ends.
 *
 * <p>It lives in the RI's package because the RI loads its factory by class name through its own class loader
 * ({@code gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY}) and because the factory must raise the stack's
 * package-private {@code udpFlag}, as the RI's own factories do: without it the stack sends UDP from a new
 * ephemeral socket, and answers to it never come back.
 */
public class RestartableProcessorFactory extends NioMessageProcessorFactory {
    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port, String transport)
            throws IOException {
        if ("TLS".equalsIgnoreCase(transport)) {
            return new OutgoingTlsProcessor(address, stack, port); // the RI's TLS client fixed (OutgoingTlsProcessor)
        }
        if (!"UDP".equalsIgnoreCase(transport)) {
            return super.createMessageProcessor(stack, address, port, transport);
        }
        MessageProcessor processor = new RestartableUdpProcessor(address, stack, port);
        stack.udpFlag = true;
        return processor;
    }

    /**
     * How long the oldest datagram still waiting in {@code processor}'s queue has waited, in ms; 0 when the queue is
     * empty or the processor is not one of ours (TCP, TLS). The receive-path lag Plugboard's admission reads: a
     * server past its limit shows it here first, before any transaction exists.
     */
    public static long queuedMillis(MessageProcessor processor, long nowMillis) {
        if (processor instanceof RestartableUdpProcessor udp) {
            DatagramQueuedMessageDispatch oldest = udp.messageQueue.peek();
            return oldest == null || oldest.packet == null ? 0 : Math.max(0, nowMillis - oldest.getReceptionTime());
        }
        return 0;
    }

    /**
     * The RI's UDP processor whose stop does not race its own start, and ends its workers: the RI's stop leaves
     * each pool worker blocked on the empty queue for good (a leak of threads and of the old stack on every
     * restart and every update of the sip bundle). Its queue stamps datagrams in the order they came
     * ({@link StampingQueue}).
     */
    static final class RestartableUdpProcessor extends UDPMessageProcessor {
        private static final long RUN_END_WAIT_SECONDS = 5;
        private static final int CONGESTION_AUDIT_MILLIS = 2000; // as the RI's own processor
        private final CountDownLatch ran = new CountDownLatch(1);
        private volatile boolean started;

        RestartableUdpProcessor(InetAddress address, SIPTransactionStack stack, int port) throws IOException {
            super(address, stack, port);
            messageQueue = new StampingQueue(); // before run() starts the workers that take from it
            if (congestionAuditor != null) { // it watches the queue it was given: give it ours
                congestionAuditor.stop();
                congestionAuditor = new BlockingQueueDispatchAuditor(messageQueue);
                congestionAuditor.setTimeout(stack.getStackCongestionControlTimeout());
                congestionAuditor.start(CONGESTION_AUDIT_MILLIS);
            }
        }

        @Override
        public void start() throws IOException {
            started = true;
            super.start();
        }

        @Override
        public void run() {
            try {
                super.run();
            } finally {
                ran.countDown();
            }
        }

        @Override
        public void stop() {
            if (!started) {
                super.stop();
                return;
            }
            RuntimeException raced = null;
            try {
                super.stop();
            } catch (RuntimeException e) { // the worker list was still being made
                raced = e;
            }
            awaitRunEnd(); // the socket is closed: the receiver ends at once, having made every worker
            if (raced != null) {
                super.stop(); // closes the workers the first pass missed
            }
            for (int i = 0; i < messageChannels.size(); i++) {
                messageQueue.offer(new DatagramQueuedMessageDispatch(null, 0)); // a worker takes it, sees the stop, ends
            }
        }

        private void awaitRunEnd() {
            try {
                if (!ran.await(RUN_END_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("The UDP receiver on port " + getPort() + " did not end within "
                            + RUN_END_WAIT_SECONDS + " s of its socket closing");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
