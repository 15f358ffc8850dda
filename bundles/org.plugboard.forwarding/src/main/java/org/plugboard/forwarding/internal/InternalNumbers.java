package org.plugboard.forwarding.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.plugboard.api.directory.Directory;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.plugboard.api.routing.Router;

/**
 * Whether a number is inside the PBX (forwarding there needs no permission): an extension, or a number the routers
 * route to extensions (a ring group's number). A number a router sends to a line or trunk, or that nothing routes, is
 * outside. Routers answer from memory, as the B2BUA asks them on a call's strand; asked here as a phone would dial.
 */
@Component(service = InternalNumbers.class)
public class InternalNumbers {
    private record Ranked(Router router, int ranking, long id) {
    }

    private final Predicate<String> extensions;
    private volatile List<Ranked> routers = List.of();

    @Activate
    public InternalNumbers(@Reference(name = "directory") Directory directory) {
        this.extensions = n -> directory.find(n).isPresent();
    }

    /** For tests: which numbers are extensions, and the routers in the order they are asked. */
    InternalNumbers(Predicate<String> extensions, List<Router> ordered) {
        this.extensions = extensions;
        List<Ranked> r = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            r.add(new Ranked(ordered.get(i), -i, i));
        }
        routers = List.copyOf(r);
    }

    @Reference(name = "routers", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addRouter(Router router, Map<String, Object> props) {
        List<Ranked> next = new ArrayList<>(routers);
        next.add(new Ranked(router, props.get(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0,
                props.get(Constants.SERVICE_ID) instanceof Long l ? l : 0));
        next.sort(Comparator.comparingInt((Ranked x) -> -x.ranking()).thenComparingLong(Ranked::id));
        routers = List.copyOf(next);
    }

    synchronized void removeRouter(Router router) {
        routers = routers.stream().filter(r -> r.router() != router).toList();
    }

    public boolean isExtension(String number) {
        return extensions.test(number);
    }

    public boolean isInternal(String number) {
        if (isExtension(number)) {
            return true;
        }
        RouteRequest asDialled = new RouteRequest(number, "", "default");
        for (Ranked r : routers) {
            Route route;
            try {
                route = r.router().route(asDialled);
            } catch (RuntimeException e) {
                continue; // a broken router says nothing about the number
            }
            if (route != null) {
                return internal(route);
            }
        }
        return false;
    }

    private static boolean internal(Route route) {
        if (route instanceof Route.Parallel p) {
            return !p.routes().isEmpty() && p.routes().stream().allMatch(InternalNumbers::internal);
        }
        // a media application of the PBX (a voicemail deposit number, an IVR) is inside too
        return route instanceof Route.ToExtension || route instanceof Route.Hunt || route instanceof Route.ToApplication;
    }
}
