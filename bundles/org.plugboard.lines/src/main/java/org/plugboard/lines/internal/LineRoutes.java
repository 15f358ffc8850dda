package org.plugboard.lines.internal;

import java.util.Collection;

import org.plugboard.api.calls.CallTag;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.plugboard.api.sip.NextHop;
import org.plugboard.api.sip.SipProfileResolver;

/**
 * The dial plan of lines, as plain functions of the configured lines: outbound by dial prefix (phones only),
 * inbound by DID (calls from a line).
 */
final class LineRoutes {
    /** The DID key that catches every number a line delivers that has no entry of its own. */
    static final String CATCH_ALL = "*";
    private static final String NUMBER = "\\+?[0-9*#]+";

    /** A running line: its settings and where its messages go (the resolved proxy/domain; null until resolved). */
    record Line(LineSettings settings, NextHop hop) {
    }

    private LineRoutes() {
    }

    /** @return the route, or null when no line is concerned (another router decides) */
    static Route route(RouteRequest request, Collection<Line> lines) {
        String profile = request.sourceProfile();
        if (profile != null && profile.startsWith(LineSettings.profile(""))) {
            return inbound(request, profile, lines);
        }
        if (SipProfileResolver.DEFAULT_PROFILE.equals(profile)) {
            return outbound(request, lines);
        }
        return null; // trunks and other profiles are not ours
    }

    /**
     * A call from a line goes to the extension its DID names, else to the catch-all's; never by the dialled number
     * alone, so a provider cannot ring extensions that were not given out.
     */
    static Route inbound(RouteRequest request, String profile, Collection<Line> lines) {
        Line line = lines.stream().filter(l -> l.settings().profile().equals(profile)).findFirst().orElse(null);
        String dialled = request.dialled();
        if (line == null) {
            return new Route.Reject(404, "Line of " + profile + " is not configured", CallTag.ROUTING_FAILURE);
        }
        String extension = line.settings().dids().get(dialled);
        if (extension == null) {
            extension = line.settings().dids().get(CATCH_ALL);
        }
        if (extension == null) {
            return new Route.Reject(404, "No DID " + dialled + " on line " + line.settings().name(), CallTag.ROUTING_FAILURE);
        }
        return new Route.ToExtension(extension);
    }

    /** A phone's call that starts with a line's prefix (the longest one wins) goes out on that line, prefix stripped. */
    static Route outbound(RouteRequest request, Collection<Line> lines) {
        String dialled = request.dialled();
        Line best = null;
        for (Line l : lines) {
            String prefix = l.settings().prefix();
            if (!prefix.isEmpty() && dialled.startsWith(prefix) && dialled.length() > prefix.length()
                    && (best == null || prefix.length() > best.settings().prefix().length())) {
                best = l;
            }
        }
        if (best == null) {
            return null;
        }
        LineSettings s = best.settings();
        String number = dialled.substring(s.prefix().length());
        if (!number.matches(NUMBER)) {
            return new Route.Reject(484, "Not a number: " + number, CallTag.ROUTING_FAILURE);
        }
        if (best.hop() == null) {
            return new Route.Reject(503, "Line " + s.name() + " is not reachable (" + s.target().host() + " unresolved)",
                    CallTag.CALLEE_UNREACHABLE);
        }
        String callerId = s.callerId().isEmpty() ? s.account() : s.callerId();
        return new Route.ToSip("sip:" + number + "@" + s.domain(), best.hop(), s.profile(), callerId);
    }
}
