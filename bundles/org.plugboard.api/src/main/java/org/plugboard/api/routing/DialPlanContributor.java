package org.plugboard.api.routing;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A part of the dial plan: lines and trunks register one each (whiteboard), and one router merges every
 * contribution and answers by the longest matching key. Equal keys from two contributors: the one of higher
 * {@code service.ranking} wins.
 * <p>
 * {@link #entries()} is called on the calls' strands: answer from memory, never block. The router rebuilds its
 * index only when the entries differ ({@code equals}) from the last ones it saw.
 */
@ConsumerType
public interface DialPlanContributor {
    /**
     * Service property (String or String[]): profile prefixes such as {@code line:} whose calls this contributor
     * answers for. A call from such a profile is routed by its DID entries only: a number without an entry is refused
     * 404, never handed to another router (a provider must not ring extensions that were not given out).
     */
    String INBOUND_PROFILES = "plugboard.dialplan.inbound";

    /** The entries now. */
    List<DialPlanEntry> entries();
}
