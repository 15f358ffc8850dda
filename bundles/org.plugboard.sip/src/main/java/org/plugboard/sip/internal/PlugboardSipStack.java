package org.plugboard.sip.internal;

import java.util.ListIterator;
import java.util.Properties;

import javax.sip.PeerUnavailableException;
import javax.sip.SipException;
import javax.sip.address.Hop;
import javax.sip.address.Router;
import javax.sip.message.Request;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.HopImpl;

/**
 * The RI stack with one change: a request we originate goes to the next hop its sender chose (the address a
 * phone registered from, a provider's outbound proxy), not to whatever its Request-URI names. The RI picks the
 * router by class name through its own class loader, so it is set here instead of through ROUTER_PATH.
 */
final class PlugboardSipStack extends SipStackImpl {
    PlugboardSipStack(Properties properties) throws PeerUnavailableException {
        super(properties);
        Router fallback = getRouter();
        this.router = new ChosenHopRouter(fallback);
        this.useRouterForAll = true;
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
