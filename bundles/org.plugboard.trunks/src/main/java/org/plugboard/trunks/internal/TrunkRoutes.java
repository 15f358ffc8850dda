package org.plugboard.trunks.internal;

import java.util.Collection;

import org.plugboard.api.calls.CallTag;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.plugboard.api.sip.NextHop;
import org.plugboard.api.sip.SipProfileResolver;

/**
 * The dial plan of trunks, as plain functions of the configured trunks: outbound by dial prefix (phones only),
 * inbound by DID (calls from a trunk's peers).
 */
final class TrunkRoutes {
    static final String CATCH_ALL = "*";
    private static final String NUMBER = "\\+?[0-9*#]+";

    /** A running trunk: its settings and the resolved address outbound calls go to (null: none or unresolved). */
    record Trunk(TrunkSettings settings, NextHop hop) {
    }

    private TrunkRoutes() {
    }

    /**
     * @param linePrefixes the dial prefixes of the configured lines: a longer one that matches leaves the call to the
     *                     line router (ranked below), so the longest prefix wins across lines and trunks
     * @return the route, or null when no trunk is concerned
     */
    static Route route(RouteRequest request, Collection<Trunk> trunks, Collection<String> linePrefixes) {
        String profile = request.sourceProfile();
        if (profile != null && profile.startsWith(TrunkSettings.PROFILE_PREFIX)) {
            return inbound(request, profile, trunks);
        }
        if (SipProfileResolver.DEFAULT_PROFILE.equals(profile)) {
            return outbound(request, trunks, linePrefixes);
        }
        return null; // lines and other profiles are not ours
    }

    /** A call from a trunk rings the extension its DID names, else the catch-all's; never an extension by its number. */
    static Route inbound(RouteRequest request, String profile, Collection<Trunk> trunks) {
        Trunk trunk = trunks.stream().filter(t -> t.settings().profile().equals(profile)).findFirst().orElse(null);
        String dialled = request.dialled();
        if (trunk == null) {
            return new Route.Reject(404, "Trunk of " + profile + " is not configured", CallTag.ROUTING_FAILURE);
        }
        String extension = trunk.settings().dids().get(dialled);
        if (extension == null) {
            extension = trunk.settings().dids().get(CATCH_ALL);
        }
        if (extension == null) {
            return new Route.Reject(404, "No DID " + dialled + " on trunk " + trunk.settings().name(), CallTag.ROUTING_FAILURE);
        }
        return new Route.ToExtension(extension);
    }

    /** A phone's call starting with a trunk's prefix (the longest wins) goes out on that trunk, prefix stripped. */
    static Route outbound(RouteRequest request, Collection<Trunk> trunks, Collection<String> linePrefixes) {
        String dialled = request.dialled();
        Trunk best = null;
        for (Trunk t : trunks) {
            String prefix = t.settings().prefix();
            if (matches(prefix, dialled) && (best == null || prefix.length() > best.settings().prefix().length())) {
                best = t;
            }
        }
        if (best == null) {
            return null;
        }
        TrunkSettings s = best.settings();
        for (String linePrefix : linePrefixes) {
            if (matches(linePrefix, dialled) && linePrefix.length() > s.prefix().length()) {
                return null; // a line's longer prefix: the line router takes it
            }
        }
        String number = dialled.substring(s.prefix().length());
        if (!number.matches(NUMBER)) {
            return new Route.Reject(484, "Not a number: " + number, CallTag.ROUTING_FAILURE);
        }
        if (best.hop() == null) {
            return new Route.Reject(503, "Trunk " + s.name() + " is not reachable (" + s.address().host() + " unresolved)",
                    CallTag.CALLEE_UNREACHABLE);
        }
        return new Route.ToSip("sip:" + number + "@" + s.addressText(), best.hop(), s.profile(),
                s.callerId().isEmpty() ? null : s.callerId());
    }

    private static boolean matches(String prefix, String dialled) {
        return prefix != null && !prefix.isEmpty() && dialled.startsWith(prefix) && dialled.length() > prefix.length();
    }
}
