package org.plugboard.api.routing;

import org.osgi.annotation.versioning.ConsumerType;
import org.plugboard.api.calls.CallTag;

/**
 * A say over whether a routed call may start: trunk call limits, later fraud or licence checks. The B2BUA asks
 * every admission service, on the call's strand, once the routers have answered and before any leg is started;
 * the first refusal ends the call with its status. Whatever the answers, {@link #released(String)} follows exactly
 * once for every call {@link #admit} was asked about, when that call ends, so a slot taken in {@code admit} can
 * always be given back there. A call that is redirected (forwarding, a phone's 3xx, a group's destination) asks
 * again for each new route: the newer answer replaces the older for that call (replace a slot, never add one),
 * and {@link #released(String)} still comes once. Answer from memory, never block.
 */
@ConsumerType
public interface CallAdmission {
    /**
     * @param callId  the PBX's short call id ({@code CallInfo.id}, the CDR's id), the key {@link #released} gets
     * @param request what the routers were asked (its {@code sourceProfile} tells where the call came from)
     * @param route   what they answered (a {@link Route.ToSip} names the profile the call goes out on)
     * @return null to admit the call, or why it is refused
     */
    Refusal admit(String callId, RouteRequest request, Route route);

    /** The call ended (answered, refused, cancelled, failed: any end), or was refused by another admission. */
    void released(String callId);

    /**
     * A refused call: the caller gets {@code status} with {@code phrase} and {@code Reason: Q.850;cause=q850Cause;
     * text="text"}; its CDR carries the cause, the text and the tag.
     */
    record Refusal(int status, String phrase, int q850Cause, String text, CallTag tag) {
        public Refusal {
            if (status < 400 || status > 699) {
                throw new IllegalArgumentException("a refusal needs a final error status, not " + status);
            }
        }
    }
}
