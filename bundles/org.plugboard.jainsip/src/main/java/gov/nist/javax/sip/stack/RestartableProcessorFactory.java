package gov.nist.javax.sip.stack;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import gov.nist.core.CommonLogger;
import gov.nist.core.StackLogger;
import gov.nist.core.ThreadAuditor;
import gov.nist.javax.sip.SipStackImpl;

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
     * Requests that waited in {@code processor}'s queue longer than {@code millis} are dropped as a worker takes them,
     * unparsed and counted (see {@link StampingQueue}); 0 keeps every request. No effect on TCP and TLS processors.
     */
    public static void dropRequestsOlderThan(MessageProcessor processor, long millis) {
        if (processor instanceof RestartableUdpProcessor udp) {
            ((StampingQueue) udp.messageQueue).dropRequestsOlderThan(millis);
        }
    }

    /** How many requests {@code processor}'s queue dropped for their age; 0 for TCP and TLS processors. */
    public static long droppedStale(MessageProcessor processor) {
        return processor instanceof RestartableUdpProcessor udp ? ((StampingQueue) udp.messageQueue).droppedStale.sum() : 0;
    }

    /**
     * The RI's UDP processor whose stop does not race its own start, and ends its workers: the RI's stop leaves
     * each pool worker blocked on the empty queue for good (a leak of threads and of the old stack on every
     * restart and every update of the sip bundle). Its queue stamps datagrams in the order they came
     * ({@link StampingQueue}), and its receive loop reads into one buffer ({@link #receive}).
     */
    static final class RestartableUdpProcessor extends UDPMessageProcessor {
        private static final StackLogger LOG = CommonLogger.getLogger(RestartableProcessorFactory.class);
        private static final long RUN_END_WAIT_SECONDS = 5;
        private static final int CONGESTION_AUDIT_MILLIS = 2000; // as the RI's own processor
        private static final int MAX_FAILURES_LOGGED = 10; // in a row, as the RI's own loop: a sender cannot flood the log
        private final CountDownLatch ran = new CountDownLatch(1);
        private volatile boolean started;
        private int failuresInARow;

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
                receive();
            } finally {
                ran.countDown();
            }
        }

        /**
         * The receive loop of the RI 1.3.0-91 (the workers made first, the thread auditor pinged, each datagram queued with its
         * time) with one change: the RI reads every datagram into a new array of the largest message size (64 KiB by
         * default), which the JVM zeroes and the queue then holds until a worker copies the datagram out. At tens of
         * thousands of datagrams a second that is gigabytes a second of allocation on the one thread that must keep
         * up with the socket, and a backlog of seconds held hundreds of megabytes. Ours reads into one buffer and
         * queues a copy of exactly the datagram.
         */
        private void receive() {
            messageChannels = new LinkedList<>();
            if (sipStack.threadPoolSize != -1) {
                for (int i = 0; i < sipStack.threadPoolSize; i++) {
                    messageChannels.add(new UDPMessageChannel(sipStack, this,
                            ((SipStackImpl) sipStack).getStackName() + "-UDPMessageChannelThread-" + i));
                }
            }
            ThreadAuditor threads = sipStack.getThreadAuditor(); // null unless the stack audits its threads (1.3.0-91)
            ThreadAuditor.ThreadHandle auditor = threads == null ? null : threads.addCurrentThread();
            byte[] buffer = new byte[largestDatagram(sipStack)];
            DatagramPacket in = new DatagramPacket(buffer, buffer.length);
            while (isRunning) {
                try {
                    if (auditor != null) {
                        auditor.ping();
                    }
                    in.setLength(buffer.length); // receive() shrank it to the last datagram's length
                    sock.receive(in);
                    DatagramPacket datagram = copyOf(in);
                    if (sipStack.threadPoolSize != -1) {
                        messageQueue.offer(new DatagramQueuedMessageDispatch(datagram, System.currentTimeMillis()));
                    } else {
                        new UDPMessageChannel(sipStack, this, datagram);
                    }
                    failuresInARow = 0;
                } catch (SocketTimeoutException e) {
                    // the socket's timeout lets the auditor be pinged
                } catch (SocketException e) {
                    if (!isRunning) {
                        return; // stop() closed the socket
                    }
                    failed(e);
                } catch (IOException | RuntimeException e) {
                    failed(e);
                }
            }
        }

        /** The datagram in {@code in}, in an array of its own of exactly its length (offset 0, as the workers read it). */
        static DatagramPacket copyOf(DatagramPacket in) {
            byte[] data = Arrays.copyOfRange(in.getData(), in.getOffset(), in.getOffset() + in.getLength());
            return new DatagramPacket(data, data.length, in.getAddress(), in.getPort());
        }

        /** As the RI sizes its receive array: the stack's largest message, at most a datagram's 64 KiB. */
        static int largestDatagram(SIPTransactionStack stack) {
            int max = stack.getMaxMessageSize();
            return max > 0 && max < SipStackImpl.MAX_DATAGRAM_SIZE ? max : SipStackImpl.MAX_DATAGRAM_SIZE;
        }

        private void failed(Exception e) {
            if (failuresInARow < MAX_FAILURES_LOGGED) {
                failuresInARow++;
                LOG.logWarning("UDP receive on port " + getPort() + " failed (" + e + "); receiving goes on"
                        + (failuresInARow == MAX_FAILURES_LOGGED ? "; further failures in a row are not logged" : ""));
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
