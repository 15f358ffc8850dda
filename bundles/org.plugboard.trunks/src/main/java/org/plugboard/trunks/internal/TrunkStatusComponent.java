package org.plugboard.trunks.internal;

import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.status.TrunkStatusService;

/** The trunks' status for the REST API and other bundles: the console's view, in the API's value types. */
@Component
public class TrunkStatusComponent implements TrunkStatusService {
    private final TrunkRegistry registry;

    @Activate
    public TrunkStatusComponent(@Reference TrunkRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<org.plugboard.api.status.TrunkStatus> trunks() {
        return registry.list().stream().map(TrunkStatusComponent::toApi).toList();
    }

    @Override
    public Optional<org.plugboard.api.status.TrunkStatus> trunk(String name) {
        return trunks().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    static org.plugboard.api.status.TrunkStatus toApi(TrunkStatus s) {
        TrunkSettings t = s.settings();
        String resolved = s.hop() == null ? "" : s.hop().host() + ":" + s.hop().port() + "/" + s.hop().transport();
        return new org.plugboard.api.status.TrunkStatus(t.name(), t.peers().stream().map(Peer::toString).toList(),
                t.addressText(), resolved, s.unresolved(), s.inbound(), s.outbound(), t.maxInbound(), t.maxOutbound(),
                s.workarounds());
    }
}
