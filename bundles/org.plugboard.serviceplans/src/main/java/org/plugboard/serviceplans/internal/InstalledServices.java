package org.plugboard.serviceplans.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.plugboard.api.service.CallService;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.configvalues.ConfigList;

/**
 * The call services registered now, by their service properties only (the services themselves are never taken):
 * what the console completes, warns about and shows in {@code pbx:plan-show}. Kept in the calls bundle's order
 * (highest {@code service.ranking} first, then the oldest).
 */
@Component(service = InstalledServices.class)
public class InstalledServices {
    /** A registered call service: its plan name, the points it is asked at, its ranking. */
    record Installed(String name, Set<DetectionPoint> points, int ranking, long serviceId) {
    }

    private final List<Installed> all = new ArrayList<>();
    private volatile List<Installed> snapshot = List.of();

    @Reference(service = CallService.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addService(ServiceReference<CallService> ref) {
        Installed i = of(ref.getProperty(CallService.NAME), ref.getProperty(CallService.POINTS),
                ref.getProperty(Constants.SERVICE_RANKING), ref.getProperty(Constants.SERVICE_ID));
        if (i != null) {
            add(i);
        }
    }

    synchronized void add(Installed i) {
        all.add(i);
        publish();
    }

    synchronized void removeService(ServiceReference<CallService> ref) {
        Object id = ref.getProperty(Constants.SERVICE_ID);
        all.removeIf(i -> id instanceof Long l && i.serviceId() == l);
        publish();
    }

    /** Every usable call service (a name and at least one known point), in ranking order. */
    List<Installed> list() {
        return snapshot;
    }

    Optional<Installed> find(String name) {
        return snapshot.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    private void publish() {
        List<Installed> next = new ArrayList<>(all);
        next.sort(Comparator.comparingInt((Installed i) -> -i.ranking()).thenComparingLong(Installed::serviceId));
        snapshot = List.copyOf(next);
    }

    /** From service properties; null for a service the calls bundle ignores too (no name, no known point). */
    static Installed of(Object name, Object points, Object ranking, Object serviceId) {
        Set<DetectionPoint> at = EnumSet.noneOf(DetectionPoint.class);
        for (String p : ConfigList.items(points)) {
            try {
                at.add(DetectionPoint.valueOf(p.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                // the calls bundle warns about it; here it is just not a point the service is asked at
            }
        }
        if (name == null || name.toString().isBlank() || at.isEmpty()) {
            return null;
        }
        return new Installed(name.toString().trim(), at, ranking instanceof Integer r ? r : 0,
                serviceId instanceof Long l ? l : Long.MAX_VALUE);
    }
}
