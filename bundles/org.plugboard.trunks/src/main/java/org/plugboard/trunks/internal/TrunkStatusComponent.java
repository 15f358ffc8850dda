package org.plugboard.trunks.internal;

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
import org.plugboard.api.status.StatusListener;
import org.plugboard.api.status.TrunkStatusService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trunks' status for the REST API and other bundles: the console's view, in the API's value types. Tells the
 * {@link StatusListener} services of every trunk added, resolved anew or removed, as the registry reports it.
 */
@Component(immediate = true) // it tells the StatusListeners: it must run when nobody asks for the status
public class TrunkStatusComponent implements TrunkStatusService {
    private static final Logger LOG = LoggerFactory.getLogger(TrunkStatusComponent.class);

    private final TrunkRegistry registry;
    private volatile List<StatusListener> listeners = List.of();

    @Activate
    public TrunkStatusComponent(@Reference TrunkRegistry registry) {
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

    /** A trunk added (before null), resolved anew or removed (after null). */
    void changed(TrunkStatus before, TrunkStatus after) {
        org.plugboard.api.status.TrunkStatus was = before == null ? null : toApi(before);
        org.plugboard.api.status.TrunkStatus is = after == null ? null : toApi(after);
        for (StatusListener l : listeners) {
            try {
                l.trunkChanged(was, is);
            } catch (RuntimeException e) {
                LOG.warn("Status listener {} failed on trunk {}: {}", l.getClass().getName(),
                        (is != null ? is : was).name(), e.toString());
            }
        }
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
