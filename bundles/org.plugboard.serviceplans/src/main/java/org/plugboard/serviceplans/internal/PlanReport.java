package org.plugboard.serviceplans.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.plugboard.api.service.DetectionPoint;

/**
 * What {@code pbx:plan-show} prints: for a served user, at each detection point, the services that run in order and
 * where that order comes from, following the calls bundle's rule (the first plan that answers, else its
 * {@code services} configuration, else every service registered for the point by ranking; names with no service
 * registered for the point are skipped).
 */
final class PlanReport {
    /**
     * @param runs    the services that run, in order
     * @param from    where the order comes from
     * @param skipped names in the list that do not run there, each with why
     */
    record Row(DetectionPoint point, List<String> runs, String from, List<String> skipped) {
    }

    private PlanReport() {
    }

    /**
     * @param callsServices the calls bundle's {@code services} configuration (empty when unset)
     */
    static List<Row> show(PlanTable table, String servedUser, List<InstalledServices.Installed> installed, List<String> callsServices) {
        List<Row> rows = new ArrayList<>();
        for (DetectionPoint point : DetectionPoint.values()) {
            PlanTable.Resolution r = table.resolve(servedUser, point);
            List<String> names;
            String from;
            if (r != null) {
                names = r.services();
                from = source(r);
            } else if (!callsServices.isEmpty()) {
                names = callsServices;
                from = "no plan: 'services' of org.plugboard.calls";
            } else {
                names = installed.stream().filter(i -> i.points().contains(point)).map(InstalledServices.Installed::name).toList();
                from = "no plan: every service for the point, by ranking";
            }
            List<String> runs = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            for (String n : names) {
                Optional<InstalledServices.Installed> s = installed.stream().filter(i -> i.name().equals(n)).findFirst();
                if (s.isEmpty()) {
                    skipped.add(n + " (not installed)");
                } else if (!s.get().points().contains(point)) {
                    skipped.add(n + " (not asked at " + point + ")");
                } else {
                    runs.add(n);
                }
            }
            rows.add(new Row(point, List.copyOf(runs), from, List.copyOf(skipped)));
        }
        return rows;
    }

    /** "plan of 1002 (all points)", "plan of class sales (ROUTED)", "site default * (all points)". */
    static String source(PlanTable.Resolution r) {
        String list = r.point() == null ? "all points" : r.point().name();
        return switch (Scope.of(r.scope())) {
            case NUMBER -> "plan of " + r.scope() + " (" + list + ")";
            case SERVICE_CLASS -> "plan of class " + r.scope() + " (" + list + ")";
            case SITE -> "site default * (" + list + ")";
        };
    }
}
