package org.plugboard.api.routing;

import java.util.List;

import org.plugboard.api.calls.CallTag;
import org.plugboard.api.sip.NextHop;

/** Where a call goes. New kinds are added in minor versions of this package. */
public sealed interface Route {
    /** Ring every registered device of a local extension. */
    record ToExtension(String number) implements Route {
    }

    /**
     * Send the call to a SIP destination (a line, a trunk): {@code requestUri} is the Request-URI and To,
     * {@code hop} where it is sent, {@code profile} the outbound rewriters to run, {@code callerId} the From user.
     */
    record ToSip(String requestUri, NextHop hop, String profile, String callerId) implements Route {
    }

    /** Refuse the call with a status, e.g. 404 for an unknown number. */
    record Reject(int status, String reason, CallTag tag) implements Route {
    }

    /** Try several routes in parallel (a ring group): the first answer wins. */
    record Parallel(List<Route> routes) implements Route {
        public Parallel {
            routes = List.copyOf(routes);
        }
    }
}
