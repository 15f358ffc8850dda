package org.plugboard.media.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.plugboard.api.media.MediaGateway;

/** Every registered media gateway, of any engine, for the console: a whiteboard replaced whole on each change. */
@Component(service = MediaGateways.class)
public final class MediaGateways {
    /** A gateway and the engine name it is registered under. */
    public record Named(String engine, MediaGateway gateway) {
    }

    private volatile List<Named> gateways = List.of();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public synchronized void bind(MediaGateway gateway, Map<String, Object> props) {
        List<Named> next = new ArrayList<>(gateways);
        next.add(new Named(String.valueOf(props.getOrDefault(MediaGateway.ENGINE, "?")), gateway));
        next.sort(Comparator.comparing(Named::engine));
        gateways = List.copyOf(next);
    }

    public synchronized void unbind(MediaGateway gateway) {
        List<Named> next = new ArrayList<>(gateways);
        next.removeIf(n -> n.gateway() == gateway);
        gateways = List.copyOf(next);
    }

    /** By engine name. */
    public List<Named> all() {
        return gateways;
    }
}
