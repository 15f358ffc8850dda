package org.plugboard.sip.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sip.ListeningPoint;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.NioMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageProcessor;

/**
 * The RI's NIO processors, with a UDP processor that can be stopped right after it started. The RI's UDP
 * processor makes its list of worker channels in its own thread; a {@code stop()} that comes before that thread
 * finished (a restart on a configuration change, a test's teardown) fails on the missing or changing list and
 * leaves the workers running. Ours then waits for the processor's thread to end (the socket is closed by then,
 * so it ends at once) and stops again, closing every worker. It stays a {@link NioMessageProcessorFactory}: the
 * RI picks its NIO paths for outgoing TCP by that type.
 */
final class UdpProcessorFactory extends NioMessageProcessorFactory {

    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port, String transport)
            throws IOException {
        return ListeningPoint.UDP.equalsIgnoreCase(transport) ? new RestartableUdpProcessor(address, stack, port)
                : super.createMessageProcessor(stack, address, port, transport);
    }

    /** The RI's UDP processor whose stop does not race its own start. */
    static final class RestartableUdpProcessor extends UDPMessageProcessor {
        private static final Logger LOG = LoggerFactory.getLogger(RestartableUdpProcessor.class);
        private static final long RUN_END_WAIT_SECONDS = 5;
        private final CountDownLatch ran = new CountDownLatch(1);

        RestartableUdpProcessor(InetAddress address, SIPTransactionStack stack, int port) throws IOException {
            super(address, stack, port);
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
            try {
                super.stop();
            } catch (RuntimeException startingStill) { // the worker list was still being made
                awaitRunEnd();
                super.stop(); // the socket is closed, the list complete: this closes every worker
            }
        }

        private void awaitRunEnd() {
            try {
                if (!ran.await(RUN_END_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    LOG.warn("The UDP receiver on port {} did not end within {} s of its socket closing", getPort(),
                            RUN_END_WAIT_SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
