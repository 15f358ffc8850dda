package org.plugboard.sip.internal;

import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

import javax.sip.PeerUnavailableException;
import javax.sip.SipException;
import javax.sip.address.Hop;
import javax.sip.address.Router;
import javax.sip.message.Request;

import gov.nist.javax.sip.SIPConstants;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.HopImpl;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.RestartableProcessorFactory;
import gov.nist.javax.sip.stack.SIPMessageValve;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import gov.nist.javax.sip.stack.SIPTransaction;
import gov.nist.javax.sip.stack.ServerResponseInterface;

/**
 * The RI stack with two changes. A request we originate goes to the next hop its sender chose (the address a
 * phone registered from, a provider's outbound proxy), not to whatever its Request-URI names; the RI picks the
 * router by class name through its own class loader, so it is set here instead of through ROUTER_PATH. And its
 * server transactions never send a provisional response after the final one ({@link OrderedServerTransaction}).
 * Its UDP processors send from the listening port and stop cleanly, even right after they started. Finished
 * transactions are kept a shorter time than the RI's 32 s, and challenges not at all ({@code transaction.keep}). A
 * CANCEL and a response without a transaction are matched by their branch instead of by a scan of every transaction.
 * It stops without the RI's fixed one-second pause.
 */
final class PlugboardSipStack extends SipStackImpl {
    /** RFC 3261's Timer J on UDP (64 * T1). */
    static final int RFC_KEEP_MS = 32_000;
    private final LongAdder lateProvisionalsDropped;
    private volatile int keepMs = SipConfig.DEFAULT_TRANSACTION_KEEP_MS;
    /** The thread inside {@link #stop()}, if any. */
    private volatile Thread stopping;

    PlugboardSipStack(Properties properties, LongAdder lateProvisionalsDropped) throws PeerUnavailableException {
        super(withRestartableProcessors(properties));
        this.lateProvisionalsDropped = lateProvisionalsDropped;
        Router fallback = getRouter();
        this.router = new ChosenHopRouter(fallback);
        this.useRouterForAll = true;
    }

    /** The RI's NIO processors with a UDP processor that stops cleanly ({@link RestartableProcessorFactory}). */
    private static Properties withRestartableProcessors(Properties given) {
        Properties p = new Properties();
        p.putAll(given);
        p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", RestartableProcessorFactory.class.getName());
        return p;
    }

    /**
     * How long a finished non-INVITE server transaction stays to absorb retransmissions (see
     * {@link OrderedServerTransaction}); applies to transactions that finish from now on.
     */
    void keepFinishedTransactions(int ms) {
        if (ms < 0 || ms > RFC_KEEP_MS) {
            throw new IllegalArgumentException("org.plugboard.sip transaction.keep = " + ms + " ms: use 0 to " + RFC_KEEP_MS
                    + " (RFC 3261 Timer J), e.g. " + SipConfig.DEFAULT_TRANSACTION_KEEP_MS);
        }
        this.keepMs = ms;
    }

    int keepFinishedTransactions() {
        return keepMs;
    }

    /** Its message processors, one per listening point. */
    MessageProcessor[] processors() {
        return getMessageProcessors();
    }

    /**
     * Stops the stack without the RI's fixed pause. After closing its sockets the RI sleeps a whole second "to let
     * processing complete" before it clears its tables; during an update of the sip bundle that is a second in
     * which no SIP port is open, since the next version binds only once this returns (and every test's Karaf spends
     * it again when it stops). Nothing here needs the pause: the dispatcher has left every provider before the stop,
     * and a message still in a worker meets a closed socket with or without it. {@link #closeAllSockets()} ends the
     * pause by interrupting this thread (the RI swallows its sleep's InterruptedException); the caller's own
     * interrupt status is kept.
     */
    @Override
    public void stop() {
        boolean callerInterrupted = Thread.interrupted();
        stopping = Thread.currentThread();
        try {
            super.stop();
        } finally {
            stopping = null;
            Thread.interrupted(); // ours, if an RI without the pause left it set
            if (callerInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The RI calls this from its stop right before its one-second sleep: see {@link #stop()}. */
    @Override
    public void closeAllSockets() {
        super.closeAllSockets();
        if (stopping == Thread.currentThread()) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The RI loads its SecurityManagerProvider by class name through its own class loader (which cannot see
     * ours), so ours is set here, before the TLS listening points are created (they read it when they start).
     */
    void useSecurity(gov.nist.core.net.SecurityManagerProvider provider) {
        this.securityManagerProvider = provider;
    }

    /**
     * Seconds an ended transaction's object is kept before the RI's {@code cleanUp} (its LINGER_TIMER, 8 s, JVM-wide in
     * the RI): 0. The transaction has left the table when it ended, so nothing matches it meanwhile; the linger only
     * delays closing a TCP connection the stack does not cache, and ours are cached (the RI's default). Meanwhile its
     * timer held every INVITE transaction, its request and its 2xx, 8 s after the call was answered: at 400 calls/s,
     * 6,400 transactions of the heap (issue 18; {@code FinishedTransactionsTest}).
     */
    @Override
    public int getConnectionLingerTimer() {
        return 0;
    }

    /**
     * The RI's documented hook for a server transaction subclass, with the RI's table-size guard. The guard is the RI's
     * rule, computed here: asking the RI's own method for it built a second, thrown-away transaction per new request
     * (two semaphores and more, and on TCP/TLS a use count on the connection that was never given back).
     */
    @Override
    public SIPServerTransaction createServerTransaction(MessageChannel channel) {
        if (!unlimitedServerTransactionTableSize && sheds(serverTransactionTable.size(), serverTransactionTableLowaterMark,
                serverTransactionTableHighwaterMark, ThreadLocalRandom.current().nextDouble())) {
            return null; // the RI sheds load near its table's high-water mark
        }
        return new OrderedServerTransaction(this, channel, lateProvisionalsDropped, this::keepFinishedTransactions);
    }

    /**
     * The RI's guard ({@code SIPTransactionStack.createServerTransaction}): below the low-water mark never, between the
     * marks with a probability that grows linearly to 1 at the high-water mark.
     * @param random uniform in [0, 1)
     */
    static boolean sheds(int size, int low, int high, double random) {
        float overLow = (float) (size - low) / (high - low);
        return random > 1.0 - overLow;
    }

    /**
     * A CANCEL's transaction by its branch: RFC 3261 9.1 gives a CANCEL the branch of the request it cancels, which is
     * that transaction's key, so the RI's scan of the whole table ({@code doesCancelMatchTransaction} on every
     * transaction, a third of the samples in an overloaded call step) finds nothing the lookup would not. The RI's
     * own scan stays for RFC 2543 branches (no magic cookie), which have no such key.
     */
    @Override
    public SIPTransaction findCancelTransaction(SIPRequest cancel, boolean isServer) {
        String branch = rfc3261Branch(cancel);
        if (branch == null) {
            return super.findCancelTransaction(cancel, isServer);
        }
        SIPTransaction t = findTransaction(branch, isServer);
        return t != null && t.doesCancelMatchTransaction(cancel) ? t : null;
    }

    /**
     * A response whose RFC 3261 branch is no client transaction's key (a 2xx retransmitted after its INVITE transaction
     * ended, a late answer) goes to the listener at once. The RI would first test it against every client transaction,
     * although for such a branch its own {@code findTransaction} trusts the key alone. The valves run as in the RI,
     * after the lookup here (no inbound rewriter touches the top Via's branch of a response).
     */
    @Override
    public ServerResponseInterface newSIPServerResponse(SIPResponse response, MessageChannel channel) {
        String branch = rfc3261Branch(response);
        if (branch == null || findTransaction(response.getTransactionId(), false) != null) {
            return super.newSIPServerResponse(response, channel);
        }
        for (SIPMessageValve valve : sipMessageValves == null ? List.<SIPMessageValve>of() : sipMessageValves) {
            try {
                if (!valve.processResponse(response, channel)) {
                    return null;
                }
            } catch (RuntimeException e) { // as the RI: a failing valve drops the message, never the stack
                return null;
            }
        }
        return sipMessageFactory.newSIPServerResponse(response, channel);
    }

    /** The top Via's branch in lower case if it has RFC 3261's magic cookie, else null. */
    static String rfc3261Branch(SIPMessage message) {
        Via top = message.getTopmostVia();
        String branch = top == null ? null : top.getBranch();
        if (branch == null) {
            return null;
        }
        String lower = branch.toLowerCase(Locale.ROOT);
        return lower.startsWith(SIPConstants.BRANCH_MAGIC_COOKIE_LOWER_CASE) ? lower : null;
    }

    /** Reads the hop from the request's {@link Outbound} application data; RFC 3263-style routing otherwise. */
    private record ChosenHopRouter(Router fallback) implements Router {
        @Override
        public Hop getNextHop(Request request) throws SipException {
            if (((SIPRequest) request).getApplicationData() instanceof Outbound o) {
                return new HopImpl(o.hop().host(), o.hop().port(), o.hop().transport());
            }
            return fallback.getNextHop(request);
        }

        @Override
        public ListIterator<?> getNextHops(Request request) {
            return fallback.getNextHops(request);
        }

        @Override
        public Hop getOutboundProxy() {
            return fallback.getOutboundProxy();
        }
    }
}
