package org.plugboard.trunks.internal;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.routing.DialPlanContributor;
import org.plugboard.api.routing.DialPlanEntry;

/**
 * The trunks' part of the one dial plan (bundle {@code org.plugboard.dialplan}): their prefixes and DIDs. Calls
 * from a trunk are answered by its DIDs only ({@code trunk:} profiles). Ranked above the lines' part, so equal
 * prefixes go to the trunk; a longer line prefix wins by itself (longest prefix).
 */
@Component(service = DialPlanContributor.class, property = {
    DialPlanContributor.INBOUND_PROFILES + "=" + TrunkSettings.PROFILE_PREFIX,
    "service.ranking:Integer=" + TrunkDialPlan.RANKING})
public class TrunkDialPlan implements DialPlanContributor {
    static final int RANKING = 10;
    private final TrunkRegistry registry;

    @Activate
    public TrunkDialPlan(@Reference TrunkRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<DialPlanEntry> entries() {
        return TrunkRoutes.entries(registry.routable());
    }
}
