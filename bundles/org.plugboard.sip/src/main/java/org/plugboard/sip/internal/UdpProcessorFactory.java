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
        if (!ListeningPoint.UDP.equalsIgnoreCase(transport)) {
            return super.createMessageProcessor(stack, address, port, transport);
        }
        MessageProcessor processor = new RestartableUdpProcessor(address, stack, port);
        sendFromListeningSockets(stack);
        return processor;
    }

    /**
     * What the RI's own factories do beside creating a UDP processor: set the stack's package-private
     * {@code udpFlag}, without which every UDP message leaves from a new ephemeral socket instead of the listening
     * one. Peers that answer to the source port (SIPp, most phones) then sent their responses to a closed port: every
     * INVITE, REGISTER or BYE the PBX sent went unanswered (all SIPp itests, 2026-12-07). Reflection: the field has no
     * setter and the package belongs to the jainsip bundle.
     */
    static void sendFromListeningSockets(SIPTransactionStack stack) {
        try {
            java.lang.reflect.Field udp = SIPTransactionStack.class.getDeclaredField("udpFlag");
            udp.setAccessible(true);
            udp.setBoolean(stack, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this JAIN-SIP RI has no SIPTransactionStack.udpFlag; UDP would leave from "
                    + "ephemeral ports: use the RI version the jainsip bundle embeds", e);
        }
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
