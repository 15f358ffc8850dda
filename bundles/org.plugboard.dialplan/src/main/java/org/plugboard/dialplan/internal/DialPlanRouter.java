package org.plugboard.dialplan.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.plugboard.api.routing.DialPlanContributor;
import org.plugboard.api.routing.DialPlanEntry;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.plugboard.api.routing.Router;
import org.plugboard.configvalues.ConfigList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one router of lines and trunks: merges every {@link DialPlanContributor}'s entries into a {@link DialPlan}
 * and answers from it. Ranked above the extension router (-1000), which answers every number the plan leaves.
 * The plan is rebuilt when the contributors or their entries change, seen at the next call.
 */
@Component(service = Router.class, property = "service.ranking:Integer=" + DialPlanRouter.RANKING)
public class DialPlanRouter implements Router {
    static final int RANKING = 100;
    private static final Logger LOG = LoggerFactory.getLogger(DialPlanRouter.class);

    /** A contributor with what the plan needs from its service properties. */
    record Contributor(DialPlanContributor service, int ranking, long serviceId, List<String> inboundPrefixes) {
    }

    /** The plan and the entries it was built from, one list per contributor in the same order. */
    private record Built(List<Contributor> contributors, List<List<DialPlanEntry>> entries, DialPlan plan) {
    }

    private volatile List<Contributor> contributors = List.of();
    private volatile Built built = new Built(List.of(), List.of(), DialPlan.EMPTY);

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addContributor(DialPlanContributor c, Map<String, Object> props) {
        List<Contributor> next = new ArrayList<>(contributors);
        next.add(new Contributor(c, ranking(props), (Long) props.getOrDefault(Constants.SERVICE_ID, 0L),
                ConfigList.items(props.get(DialPlanContributor.INBOUND_PROFILES))));
        next.sort(Comparator.comparingInt(Contributor::ranking).reversed().thenComparingLong(Contributor::serviceId));
        contributors = List.copyOf(next);
    }

    synchronized void removeContributor(DialPlanContributor c) {
        contributors = contributors.stream().filter(x -> x.service() != c).toList();
    }

    @Override
    public Route route(RouteRequest request) {
        return current().route(request);
    }

    /** The plan for the contributors and entries of now; rebuilt only when they changed. */
    DialPlan current() {
        List<Contributor> now = contributors;
        List<List<DialPlanEntry>> entries = new ArrayList<>(now.size());
        List<RuntimeException> failures = new ArrayList<>();
        for (Contributor c : now) {
            List<DialPlanEntry> e;
            try {
                e = c.service().entries();
            } catch (RuntimeException ex) { // a broken contributor must not take the others' routes away
                failures.add(ex);
                e = List.of();
            }
            entries.add(e == null ? List.of() : e);
        }
        Built b = built;
        if (b.contributors() == now && b.entries().equals(entries)) {
            return b.plan(); // a lasting failure is logged once, when it changed the plan
        }
        failures.forEach(ex -> LOG.warn("A dial plan contributor failed; its entries are left out of the plan", ex));
        List<DialPlan.Contribution> parts = new ArrayList<>(now.size());
        for (int i = 0; i < now.size(); i++) {
            parts.add(new DialPlan.Contribution(now.get(i).ranking(), now.get(i).inboundPrefixes(), entries.get(i)));
        }
        DialPlan plan = DialPlan.of(parts);
        built = new Built(now, List.copyOf(entries), plan);
        LOG.info("Dial plan: {} entries from {} contributor(s)", plan.size(), now.size());
        return plan;
    }

    private static int ranking(Map<String, Object> props) {
        return props.get(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
    }
}
