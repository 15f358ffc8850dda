package gov.nist.javax.sip.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;

/**
 * The RI's NIO TLS processor with outgoing channels that send their first request in the first session (Plugboard's
 * fix, issue 16: lines and trunks over TLS). The RI's client channel connects a socket in its constructor, but the
 * socket is not yet in the NIO handler's table when the first bytes (the ClientHello) are sent, so the handler opens
 * a second socket, the channel closes the first (the peer sees its handshake cut off) and re-sends, through a new
 * TLS engine, the bytes it was given: the first engine's ClientHello, which the peer then reads as the request. Ours
 * puts the connected socket in the table before sending, and if a new socket is made anyway re-sends the request
 * itself, not its encrypted form.
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

        /** A new socket after all: its new engine sends the request, never the old engine's handshake bytes. */
        @Override
        public void onNewSocket(byte[] message) {
            byte[] request = plain;
            super.onNewSocket(request != null ? request : message);
        }
    }
}
