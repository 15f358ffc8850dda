package org.plugboard.sip.internal;

import java.util.ListIterator;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;

import javax.sip.PeerUnavailableException;
import javax.sip.SipException;
import javax.sip.address.Hop;
import javax.sip.address.Router;
import javax.sip.message.Request;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.HopImpl;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.RestartableProcessorFactory;
import gov.nist.javax.sip.stack.SIPServerTransaction;

/**
 * The RI stack with two changes. A request we originate goes to the next hop its sender chose (the address a
 * phone registered from, a provider's outbound proxy), not to whatever its Request-URI names; the RI picks the
 * router by class name through its own class loader, so it is set here instead of through ROUTER_PATH. And its
 * server transactions never send a provisional response after the final one ({@link OrderedServerTransaction}).
 * Its UDP processors send from the listening port and stop cleanly, even right after they started.
 */
final class PlugboardSipStack extends SipStackImpl {
    private final LongAdder lateProvisionalsDropped;

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
     * The RI loads its SecurityManagerProvider by class name through its own class loader (which cannot see
     * ours), so ours is set here, before the TLS listening points are created (they read it when they start).
     */
    void useSecurity(gov.nist.core.net.SecurityManagerProvider provider) {
        this.securityManagerProvider = provider;
    }

    /** The RI's documented hook for a server transaction subclass; the table-size guard stays the RI's. */
    @Override
    public SIPServerTransaction createServerTransaction(MessageChannel channel) {
        if (!unlimitedServerTransactionTableSize && super.createServerTransaction(channel) == null) {
            return null; // the RI sheds load near its table's high-water mark
        }
        return new OrderedServerTransaction(this, channel, lateProvisionalsDropped);
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
