package org.plugboard.metrics.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.media.PortUsage;
import org.plugboard.api.metrics.Health;
import org.plugboard.api.metrics.HealthCheck;

/**
 * "media": at least one media engine is registered, and none that tells its port pool has an empty pool. An engine
 * whose component stopped (the relay's bundle stopped, a broken configuration) is no longer registered.
 */
@Component(property = HealthCheck.NAME + "=media")
public class MediaHealth implements HealthCheck {
    private volatile List<MediaGateway> gateways = List.of();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addGateway(MediaGateway g, Map<String, Object> props) {
        List<MediaGateway> next = new ArrayList<>(gateways);
        next.add(g);
        gateways = List.copyOf(next);
    }

    synchronized void removeGateway(MediaGateway g) {
        gateways = gateways.stream().filter(x -> x != g).toList();
    }

    @Override
    public Health check() {
        List<MediaGateway> now = gateways;
        if (now.isEmpty()) {
            return Health.down("no media engine is registered: is the relay (pbx-media) active, or an engine configured?");
        }
        List<String> up = new ArrayList<>();
        for (MediaGateway g : now) {
            PortUsage p = g.ports();
            if (p.total() == 0) {
                return Health.down("media engine '" + g.engine() + "' has no ports: check its port range");
            }
            up.add(g.engine() + (p.total() > 0 ? " (" + p.free() + "/" + p.total() + " ports free)" : ""));
        }
        return Health.up("engines " + String.join(", ", up));
    }
}
