package org.plugboard.sip.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sip.ListeningPoint;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.header.ViaHeader;
import javax.sip.message.Response;

import org.plugboard.sip.internal.tls.SipTls;
import org.plugboard.sip.internal.tls.TlsStackProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.RestartableProcessorFactory;

/**
 * Creates, starts and stops the JAIN-SIP stack and its listening points, and restarts it when the listening
 * configuration changes. What is listening is published as one immutable {@link Listening} snapshot, replaced
 * whole, so readers (the send path, {@code pbx:sip-stats}) never see a list being changed.
 */
final class StackLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(StackLifecycle.class);
    private static final RateLimitedLog DROPS = RateLimitedLog.of(StackLifecycle.class);
    private static final AtomicInteger STACK_SEQ = new AtomicInteger();

    /** The providers (one per listen address, holding one listening point per transport) of the running stack. */
    record Listening(List<SipProvider> providers, Map<String, SipProvider> byFamily, List<String> points) {
        static final Listening NONE = new Listening(List.of(), Map.of(), List.of());

        static Listening of(List<SipProvider> providers) {
            Map<String, SipProvider> byFamily = new HashMap<>();
            List<String> points = new ArrayList<>();
            for (SipProvider p : providers) {
                String ip = p.getListeningPoints()[0].getIPAddress();
                byFamily.putIfAbsent(ip.contains(":") ? "6" : "4", p);
                for (ListeningPoint lp : p.getListeningPoints()) {
                    points.add(lp.getTransport() + " " + lp.getIPAddress() + ":" + lp.getPort());
                }
            }
            return new Listening(List.copyOf(providers), Map.copyOf(byFamily), List.copyOf(points));
        }
    }

    private final Dispatcher dispatcher;
    private final SipStats stats;
    private final Runnable onRestart;
    private final SipTls tls;
    private final Admission admission;
    private SipStackImpl stack;
    private volatile Listening listening = Listening.NONE;
    private long droppedStaleBefore;

    /** @param onRestart called after the listening points went away (e.g. to forget cached routes) */
    StackLifecycle(Dispatcher dispatcher, SipStats stats, Runnable onRestart, SipTls tls) {
        this(dispatcher, stats, onRestart, tls, new Admission(System::nanoTime));
    }

    /** @param admission the limits new requests are judged by on the receive path ({@link InboundValve}) */
    StackLifecycle(Dispatcher dispatcher, SipStats stats, Runnable onRestart, SipTls tls, Admission admission) {
        this.admission = admission;
        this.dispatcher = dispatcher;
        this.stats = stats;
        this.onRestart = onRestart;
        this.tls = tls;
    }

    Listening listening() {
        return listening;
    }

    /** The running stack, null when stopped: for tests that look into its transaction tables. */
    synchronized SipStackImpl stack() {
        return stack;
    }

    /** Applies a new configuration: restarts the stack only when what it listens on changed. */
    synchronized void reconfigure(SipConfig previous, SipConfig next, boolean tlsChanged) throws Exception {
        if (tlsChanged || !sameListening(previous, next)) {
            LOG.info("Listening configuration changed: restarting the SIP stack");
            stop();
            start(next);
        } else if (stack instanceof PlugboardSipStack s) {
            s.keepFinishedTransactions(next.transaction_keep());
            dropRequestsOlderThan(s, next.overload_drop_after_ms());
        }
    }

    /** Requests that waited in a UDP queue longer than {@code ms} are dropped unparsed (docs/overload.md); 0 = never. */
    private static void dropRequestsOlderThan(PlugboardSipStack s, int ms) {
        for (MessageProcessor processor : s.processors()) {
            RestartableProcessorFactory.dropRequestsOlderThan(processor, ms);
        }
    }

    /** Requests dropped for the time they waited in the receive queue, over every stack this lifecycle ran. */
    synchronized long droppedStale() {
        return droppedStaleBefore + droppedStale(stack);
    }

    private static long droppedStale(SipStackImpl s) {
        long sum = 0;
        if (s instanceof PlugboardSipStack ours) {
            for (MessageProcessor processor : ours.processors()) {
                sum += RestartableProcessorFactory.droppedStale(processor);
            }
        }
        return sum;
    }

    static boolean sameListening(SipConfig a, SipConfig b) {
        return Whiteboard.items(a.listen_addresses()).equals(Whiteboard.items(b.listen_addresses())) && a.port() == b.port()
                && Whiteboard.items(a.transports()).equals(Whiteboard.items(b.transports())) && a.threads() == b.threads()
                && a.max_message_size() == b.max_message_size() && a.udp_buffer_size() == b.udp_buffer_size();
    }

    /**
     * Starts the stack. A TLS port that cannot be bound (taken by another program) must not cost UDP and TCP: the
     * stack then starts without TLS, and the reason is a configuration problem ({@link SipTls#cannotListen}).
     */
    synchronized void start(SipConfig c) throws Exception {
        int tlsPort = tls.port();
        try {
            start(c, tlsPort);
        } catch (IllegalStateException e) {
            if (tlsPort == 0) {
                throw e;
            }
            tls.cannotListen(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            start(c, 0);
        }
    }

    private void start(SipConfig c, int tlsPort) throws Exception {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "plugboard-" + STACK_SEQ.incrementAndGet());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(c.threads()));
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(c.max_message_size()));
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(c.udp_buffer_size()));
        p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", Integer.toString(c.udp_buffer_size()));
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "ERROR");
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        TlsStackProperties.apply(p);
        PlugboardSipStack s = new PlugboardSipStack(p, stats.lateProvisionalsDropped);
        s.keepFinishedTransactions(c.transaction_keep());
        BoundedStackLogger.install(); // the stack just set the RI's JVM-wide logger
        s.useSecurity(tls);
        s.messageParserFactory = new GuardedParserFactory(stats);
        InboundValve valve = new InboundValve(dispatcher, stats, admission);
        valve.init(s); // the RI calls init only on the valves it created itself
        s.sipMessageValves = new ArrayList<>(List.of(valve));
        List<SipProvider> providers = new ArrayList<>();
        try {
            for (String address : Whiteboard.items(c.listen_addresses())) {
                SipProvider provider = null;
                for (String transport : Whiteboard.items(c.transports())) {
                    ListeningPoint lp = s.createListeningPoint(address, c.port(), transport.toUpperCase());
                    if (provider == null) {
                        provider = s.createSipProvider(lp);
                        provider.addSipListener(dispatcher);
                        providers.add(provider);
                    } else {
                        provider.addListeningPoint(lp);
                    }
                }
                if (tlsPort != 0 && provider != null) {
                    provider.addListeningPoint(s.createListeningPoint(address, tlsPort, ListeningPoint.TLS));
                }
            }
            s.start();
            dropRequestsOlderThan(s, c.overload_drop_after_ms());
        } catch (Exception e) {
            try {
                s.stop();
            } catch (RuntimeException notStarted) { // the RI's stop fails on processors that never started
                LOG.debug("Stopping a stack that did not start", notStarted);
            }
            throw new IllegalStateException("Cannot listen on " + Whiteboard.items(c.listen_addresses()) + " port " + c.port()
                    + (tlsPort != 0 ? " (TLS " + tlsPort + ")" : "")
                    + " (" + e.getMessage() + "). Is another SIP server running? Change etc/org.plugboard.sip.cfg.", e);
        }
        stack = s;
        listening = Listening.of(providers);
        LOG.info("SIP stack listening on {} port {} {}{}, server header '{}', trace {}", Whiteboard.items(c.listen_addresses()),
                c.port(), Whiteboard.items(c.transports()), tlsPort != 0 ? " and TLS port " + tlsPort : " (TLS off: " + tls.offReason() + ")",
                c.server_header(), c.trace() ? "on" : "off");
    }

    /** Sends a response outside any transaction, from the listening point of the family of its Via's address. */
    boolean sendStateless(Response response) {
        ViaHeader via = (ViaHeader) response.getHeader(ViaHeader.NAME);
        String host = via == null ? "" : via.getReceived() != null ? via.getReceived() : via.getHost();
        SipProvider provider = listening.byFamily().get(host.contains(":") ? "6" : "4");
        if (provider == null) {
            DROPS.warn("no-family", "No listening point toward {}: a {} of the previous version was dropped", host,
                    response.getStatusCode());
            return false;
        }
        try {
            provider.sendResponse(response);
            return true;
        } catch (SipException | RuntimeException e) {
            DROPS.warn("send", "Could not send a {} of the previous version toward {}: {}", response.getStatusCode(), host,
                    e.toString());
            return false;
        }
    }

    synchronized void stop() {
        if (stack != null) {
            droppedStaleBefore += droppedStale(stack); // the processors go with the stack
            List<SipProvider> providers = listening.providers();
            listening = Listening.NONE;
            for (SipProvider provider : providers) {
                provider.removeSipListener(dispatcher);
            }
            stack.stop();
            stack = null;
            onRestart.run();
        }
    }
}
