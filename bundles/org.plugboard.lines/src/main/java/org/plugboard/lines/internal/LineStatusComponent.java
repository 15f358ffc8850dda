package org.plugboard.lines.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.plugboard.api.status.LineStatusService;
import org.plugboard.api.status.StatusListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lines' status for the REST API and other bundles: the console's view, in the API's value types. Tells the
 * {@link StatusListener} services of every line added, changed or removed, as the registry reports it.
 */
@Component(immediate = true) // it tells the StatusListeners: it must run when nobody asks for the status
public class LineStatusComponent implements LineStatusService {
    private static final Logger LOG = LoggerFactory.getLogger(LineStatusComponent.class);

    private final LineRegistry registry;
    private volatile List<StatusListener> listeners = List.of();

    @Activate
    public LineStatusComponent(@Reference LineRegistry registry) {
        this.registry = registry;
        registry.onChange(this::changed);
    }

    @Deactivate
    void deactivate() {
        registry.onChange(null);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeListener")
    synchronized void addListener(StatusListener listener) {
        List<StatusListener> l = new ArrayList<>(listeners);
        l.add(listener);
        listeners = List.copyOf(l);
    }

    synchronized void removeListener(StatusListener listener) {
        List<StatusListener> l = new ArrayList<>(listeners);
        l.remove(listener);
        listeners = List.copyOf(l);
    }

    /** A line added (before null), changed or removed (after null); on the registry's or the caller's thread. */
    void changed(LineStatus before, LineStatus after) {
        List<StatusListener> all = listeners;
        if (all.isEmpty()) {
            return;
        }
        String name = (after != null ? after : before).settings().name();
        List<String> workarounds = registry.workarounds(name);
        org.plugboard.api.status.LineStatus was = before == null ? null : toApi(before, workarounds);
        org.plugboard.api.status.LineStatus is = after == null ? null : toApi(after, workarounds);
        for (StatusListener l : all) {
            try {
                l.lineChanged(was, is);
            } catch (RuntimeException e) {
                LOG.warn("Status listener {} failed on line {}: {}", l.getClass().getName(), name, e.toString());
            }
        }
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
