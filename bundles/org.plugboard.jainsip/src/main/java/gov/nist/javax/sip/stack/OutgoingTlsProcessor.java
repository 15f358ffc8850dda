package gov.nist.javax.sip.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLException;
import javax.sip.TransactionState;

/**
 * The RI's NIO TLS processor with outgoing channels that send their first request in the first session (Plugboard's
 * fix, issue 16: lines and trunks over TLS). The RI's client channel connects a socket in its constructor, but the
 * socket is not yet in the NIO handler's table when the first bytes (the ClientHello) are sent, so the handler opens
 * a second socket, the channel closes the first (the peer sees its handshake cut off) and re-sends, through a new
 * TLS engine, the bytes it was given: the first engine's ClientHello, which the peer then reads as the request. Ours
 * puts the connected socket in the table before sending, and if a new socket is made anyway re-sends the request
 * itself, not its encrypted form.
 *
 * <p>A connection that fails before its handshake completes (the peer's certificate refused, the peer closing it)
 * ends the client transactions that wait on it at once, each with a {@link TransportFailureEvent} naming the cause.
 * The RI only closed the connection: an INVITE waited 32 s for its timer B, a REGISTER its timer F.
 */
public class OutgoingTlsProcessor extends NioTlsMessageProcessor {
    public OutgoingTlsProcessor(InetAddress address, SIPTransactionStack stack, int port) {
        super(address, stack, port);
    }

    @Override
    ConnectionOrientedMessageChannel constructMessageChannel(InetAddress address, int port) throws IOException {
        return new OutgoingTlsChannel(address, port, sipStack, this);
    }

    /** A client-side TLS channel that keeps the socket it connected and remembers the request in plain text. */
    static final class OutgoingTlsChannel extends NioTlsMessageChannel {
        private volatile byte[] plain;
        private volatile Throwable handshakeFailure;

        OutgoingTlsChannel(InetAddress address, int port, SIPTransactionStack stack, NioTcpMessageProcessor processor)
                throws IOException {
            super(address, port, stack, processor);
        }

        @Override
        public void sendMessage(byte[] message, InetAddress receiverAddress, int receiverPort, boolean retry)
                throws IOException {
            plain = message;
            adopt(receiverAddress, receiverPort);
            super.sendMessage(message, receiverAddress, receiverPort, retry);
        }

        @Override
        protected void sendMessage(byte[] message, boolean isClient) throws IOException {
            plain = message;
            super.sendMessage(message, isClient);
        }

        /** The socket connected in the constructor is where the handler must send (else it opens another). */
        private void adopt(InetAddress receiverAddress, int receiverPort) {
            SocketChannel s = socketChannel;
            if (s != null && s.isOpen() && s.isConnected()) {
                ((NioTcpMessageProcessor) messageProcessor).nioHandler.putSocket(
                        NIOHandler.makeKey(receiverAddress, receiverPort), s);
            }
        }

        /** The handshake's failure is kept for the transactions it ends; the RI then closes the connection. */
        @Override
        protected void addBytes(byte[] bytes) throws Exception {
            try {
                super.addBytes(bytes);
            } catch (SSLException e) {
                if (!isHandshakeCompleted()) {
                    handshakeFailure = e;
                }
                throw e;
            }
        }

        /**
         * Closed for good (not for a new socket, {@code removeSocket} false) before the handshake completed: no
         * request on it was delivered, and no answer can come. The transactions waiting on it end now.
         */
        @Override
        protected void close(boolean removeSocket, boolean stopKeepAliveTask) {
            super.close(removeSocket, stopKeepAliveTask);
            if (removeSocket && !isHandshakeCompleted()) {
                failWaiting(handshakeFailure);
            }
        }

        private void failWaiting(Throwable cause) {
            List<SIPClientTransaction> waiting = new ArrayList<>();
            for (SIPClientTransaction ct : sipStack.clientTransactionTable.values()) {
                int state = ct.getInternalState();
                if (ct.getMessageChannel() == this && state != TransactionState._COMPLETED
                        && state != TransactionState._TERMINATED) {
                    waiting.add(ct);
                }
            }
            String host = peerAddress == null ? getPeerAddress() : peerAddress.getHostAddress();
            for (SIPClientTransaction ct : waiting) {
                ct.setState(TransactionState._TERMINATED); // as the RI's raiseIOExceptionEvent: no timeout follows
                ct.getSipProvider().handleEvent(new TransportFailureEvent(ct, host, peerPort, "TLS", cause), ct);
            }
        }

        /** A new socket after all: its new engine sends the request, never the old engine's handshake bytes. */
        @Override
        public void onNewSocket(byte[] message) {
            byte[] request = plain;
            super.onNewSocket(request != null ? request : message);
        }
    }
}
