package org.plugboard.lines.internal;

import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.status.LineStatusService;

/** The lines' status for the REST API and other bundles: the console's view, in the API's value types. */
@Component
public class LineStatusComponent implements LineStatusService {
    private final LineRegistry registry;

    @Activate
    public LineStatusComponent(@Reference LineRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<org.plugboard.api.status.LineStatus> lines() {
        return registry.list().stream().map(this::toApi).toList();
    }

    @Override
    public Optional<org.plugboard.api.status.LineStatus> line(String name) {
        return registry.status(name).map(this::toApi);
    }

    private org.plugboard.api.status.LineStatus toApi(LineStatus s) {
        return toApi(s, registry.workarounds(s.settings().name()));
    }

    static org.plugboard.api.status.LineStatus toApi(LineStatus s, List<String> workarounds) {
        LineSettings l = s.settings();
        return new org.plugboard.api.status.LineStatus(l.name(), l.domain(), l.account(), l.transport(), l.register(),
                org.plugboard.api.status.LineState.valueOf(s.state().name()), s.lastResponse(), s.expiresInSeconds(),
                s.nextAttemptSeconds(), s.failures(), s.address() == null ? "" : s.address(), workarounds);
    }
}
