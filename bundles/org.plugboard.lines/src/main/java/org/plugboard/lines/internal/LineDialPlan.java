package org.plugboard.lines.internal;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.routing.DialPlanContributor;
import org.plugboard.api.routing.DialPlanEntry;

/**
 * The lines' part of the one dial plan (bundle {@code org.plugboard.dialplan}): their prefixes and DIDs. Calls from
 * a line are answered by its DIDs only ({@code line:} profiles). Ranked below the trunks' part: equal prefixes go to
 * the trunk.
 */
@Component(service = DialPlanContributor.class, property = {
    DialPlanContributor.INBOUND_PROFILES + "=line:", "service.ranking:Integer=" + LineDialPlan.RANKING})
public class LineDialPlan implements DialPlanContributor {
    static final int RANKING = 0;
    private final LineRegistry registry;

    @Activate
    public LineDialPlan(@Reference LineRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<DialPlanEntry> entries() {
        return LineRoutes.entries(registry.routable());
    }
}
