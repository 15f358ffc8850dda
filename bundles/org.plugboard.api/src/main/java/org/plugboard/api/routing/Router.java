package org.plugboard.api.routing;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The dial plan. The B2BUA asks routers in {@code service.ranking} order (highest first) and takes the first
 * non-null answer; lines and trunks add routers for their prefixes, the extension router answers last. Called on
 * the call's strand: answer from memory, never block on I/O.
 */
@ConsumerType
public interface Router {
    /** @return the route, or null when this router does not know the number */
    Route route(RouteRequest request);
}
