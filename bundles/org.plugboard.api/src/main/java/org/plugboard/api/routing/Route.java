package org.plugboard.api.routing;

import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * Ring extensions one after another (a sequential or round-robin ring group): each rings its registered devices
     * for at most {@code seconds}; busy, unreachable or no answer moves on to the next, an extension with no device
     * is skipped. When the last has failed, the call fails as the last did, and the services of the group's number
     * (the dialled one) are asked at BUSY, UNREACHABLE or NO_ANSWER (a no-answer destination). Each member's own
     * ROUTED services are asked as the hunt reaches it, with the member as served user: a busy or reject outcome (DND,
     * a call limit, call waiting off) skips it; its forwarding is not followed (a hunt reaches the members, not their
     * forwarding targets). Since 1.3.
     */
    record Hunt(List<String> extensions, int seconds) implements Route {
        public Hunt {
            extensions = List.copyOf(extensions);
            if (extensions.isEmpty() || seconds < 1) {
                throw new IllegalArgumentException("a hunt needs at least one extension and a ring time of 1 s or more");
            }
        }
    }

    /**
     * Call pickup (what a pickup feature code routes to): the caller takes over the call that has rung longest at one
     * of {@code extensions} (unanswered, a device ringing; oldest call first). The PBX cancels that call's ringing
     * devices with {@code Reason: SIP;cause=200;text="Call completed elsewhere"}, answers its caller through the media
     * relay and connects it to the picking caller, whose own INVITE is answered there too; the picked-up call's record
     * gets tag {@code PICKED_UP} and the picking caller as final callee, and the pickup attempt leaves no record of its
     * own. No such call: the caller gets {@code 480 No call to pick up}. A group pickup gives the caller's pickup group,
     * a directed pickup the one extension. Only the first route of a phone's call picks up; elsewhere (a forwarding or
     * transfer target) it routes nowhere. Since 1.4.
     */
    record Pickup(Set<String> extensions) implements Route {
        public Pickup {
            extensions = Set.copyOf(extensions);
            if (extensions.isEmpty()) {
                throw new IllegalArgumentException("a pickup needs at least one extension whose calls it may take");
            }
        }
    }

    /**
     * Answer the call with a media application (an IVR, voicemail): what a number an application serves routes to,
     * also as the target of a forwarding, a redirect or a DID. The call's ROUTED services and admission run first;
     * then, as with {@link org.plugboard.api.service.Outcome.Connect}, the media engine answers the caller and the
     * application named {@code name} runs for the dialled number. Only as a call's whole route: inside a
     * {@link Parallel} it rings nobody. Since 1.5.
     *
     * @param name       the application's {@link org.plugboard.api.application.MediaApplication#NAME}
     * @param parameters what the application reads through {@code ApplicationLeg.parameters()}
     */
    record ToApplication(String name, Map<String, String> parameters) implements Route {
        public ToApplication {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a route to a media application needs the application's name");
            }
            parameters = Map.copyOf(parameters);
        }
    }

    /** Try several routes in parallel (a ring group): the first answer wins. */
    record Parallel(List<Route> routes) implements Route {
        public Parallel {
            routes = List.copyOf(routes);
        }
    }
}
