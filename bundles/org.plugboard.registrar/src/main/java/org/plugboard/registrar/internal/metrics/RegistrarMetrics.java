package org.plugboard.registrar.internal.metrics;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.location.Binding;
import org.plugboard.api.location.LocationService;
import org.plugboard.api.metrics.MetricSink;
import org.plugboard.api.metrics.MetricSource;
import org.plugboard.api.security.AuthFailureGuard;

/**
 * Registrations and bans for {@code /metrics}, from the location service's and the guard's in-memory tables (no
 * database read). REGISTER requests and their answers are counted by the SIP layer
 * ({@code plugboard_sip_requests_total{method="REGISTER"}}).
 */
@Component(property = "service.pid=org.plugboard.registrar.metrics")
public class RegistrarMetrics implements MetricSource {
    private final LocationService location;
    private final AuthFailureGuard guard;

    @Activate
    public RegistrarMetrics(@Reference LocationService location, @Reference AuthFailureGuard guard) {
        this.location = location;
        this.guard = guard;
    }

    @Override
    public void collect(MetricSink sink) {
        List<Binding> bindings = location.all();
        sink.gauge("plugboard_registrations", "Live registrations (contact bindings)", Map.of(), bindings.size());
        sink.gauge("plugboard_registered_extensions", "Extensions with at least one live registration", Map.of(),
                bindings.stream().map(Binding::extension).distinct().count());
        sink.gauge("plugboard_bans", "Source addresses banned now after failed authentications", Map.of(), guard.bans().size());
    }
}
