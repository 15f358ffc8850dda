package org.plugboard.groups.internal;

import java.util.Set;
import java.util.function.Predicate;

import org.plugboard.api.calls.CallTag;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.plugboard.api.sip.SipProfileResolver;

/**
 * The pickup feature codes a phone dials, and where they route: the group code to the dialling extension's pickup
 * groups ({@link Route.Pickup} of its peers), the directed prefix followed by an extension to that extension. The
 * B2BUA does the pickup itself. Codes are configuration; an empty one is turned off. Calls from lines and trunks never
 * pick up.
 *
 * @param groupCode      the whole number dialled for group pickup, e.g. {@code *8}
 * @param directedPrefix what comes before the extension for directed pickup, e.g. {@code **} ({@code **1002})
 */
record PickupCodes(String groupCode, String directedPrefix) {
    private static final String ALLOWED = "[0-9*#]+";

    PickupCodes {
        groupCode = groupCode == null ? "" : groupCode.trim();
        directedPrefix = directedPrefix == null ? "" : directedPrefix.trim();
        if (!groupCode.isEmpty() && !groupCode.matches(ALLOWED)) {
            throw new IllegalArgumentException("pickup.group.code '" + groupCode + "': use digits, * and # only (e.g. *8), or empty to turn it off");
        }
        if (!directedPrefix.isEmpty() && !directedPrefix.matches(ALLOWED)) {
            throw new IllegalArgumentException("pickup.directed.prefix '" + directedPrefix + "': use digits, * and # only (e.g. **), or empty to turn it off");
        }
        if (!directedPrefix.isEmpty() && directedPrefix.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("pickup.directed.prefix '" + directedPrefix + "' would swallow ordinary numbers: start it with * or #");
        }
    }

    /**
     * Where {@code request} goes if it dialled a pickup code; null for anything else (the next router decides).
     *
     * @param isExtension whether a number is an extension now (the directory's view)
     */
    Route route(RouteRequest request, PickupGroups groups, Predicate<String> isExtension) {
        if (!SipProfileResolver.DEFAULT_PROFILE.equals(request.sourceProfile())) {
            return null;
        }
        String dialled = request.dialled();
        String caller = request.caller();
        if (!groupCode.isEmpty() && groupCode.equals(dialled)) {
            Set<String> peers = groups.peersOf(caller);
            return peers.isEmpty() ? new Route.Reject(403, "Not In A Pickup Group", CallTag.ROUTING_FAILURE) : new Route.Pickup(peers);
        }
        if (!directedPrefix.isEmpty() && dialled.startsWith(directedPrefix) && dialled.length() > directedPrefix.length()) {
            String target = dialled.substring(directedPrefix.length());
            if (target.equals(caller)) {
                return new Route.Reject(403, "Cannot Pick Up Own Calls", CallTag.ROUTING_FAILURE);
            }
            if (!isExtension.test(target)) {
                return new Route.Reject(404, "No Extension " + target + " To Pick Up From", CallTag.ROUTING_FAILURE);
            }
            return new Route.Pickup(Set.of(target));
        }
        return null;
    }
}
