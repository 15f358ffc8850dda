package org.plugboard.serviceplans.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.directory.Directory;
import org.plugboard.api.service.DetectionPoint;

/**
 * What the {@code pbx:plan-*} and {@code pbx:class-*} commands do, as plain code: checks the input, warns about
 * names no installed service has, writes through {@link PlanAdmin}, and builds the tables and lines the commands
 * print. The commands only parse arguments and print. Errors are {@link IllegalArgumentException}s naming the
 * fault and the fix.
 */
@Component(service = PlanConsole.class)
public class PlanConsole {
    /** What the console needs from the rest of the PBX. */
    interface Site {
        /** The display name of an extension, or empty when the number is no extension. */
        Optional<String> extensionName(String number);

        List<String> extensionNumbers();

        /** The calls bundle's {@code services} configuration (empty when unset). */
        List<String> callsServices();

        /** Other service plans the calls bundle asks before these ones, described (bundle and ranking). */
        List<String> plansAskedFirst();
    }

    /** A row of {@code pbx:plan-list}. */
    public record PlanRow(String scope, String point, String services, String note) {
    }

    /** A service class in {@code pbx:plan-list}. */
    public record ClassRow(String serviceClass, String members, String plan) {
    }

    public record Listing(List<PlanRow> plans, List<ClassRow> classes, List<String> notes) {
    }

    /** A row of {@code pbx:plan-show}. */
    public record ShowRow(String point, String runs, String from, String skipped) {
    }

    public record Shown(String header, List<ShowRow> rows, List<String> notes) {
    }

    private final PlanAdmin admin;
    private final InstalledServices installed;
    private final Site site;

    @Activate
    public PlanConsole(@Reference PlanAdmin admin, @Reference InstalledServices installed, @Reference Directory directory,
            @Reference ConfigurationAdmin configAdmin, BundleContext context) {
        this(admin, installed, new OsgiSite(directory, configAdmin, context));
    }

    PlanConsole(PlanAdmin admin, InstalledServices installed, Site site) {
        this.admin = admin;
        this.installed = installed;
        this.site = site;
    }

    // ---- writes -------------------------------------------------------------------------------------------

    /** {@code pbx:plan-set}: the lines to print (what was set, then notes and warnings). */
    public List<String> set(String scope, List<String> services, List<String> points) {
        String s = Scope.normalize(scope);
        List<String> names = ServiceNames.parse(services);
        List<DetectionPoint> at = points(points);
        List<String> out = new ArrayList<>();
        for (DetectionPoint p : at) {
            admin.setPlan(s, p, names);
            out.add("Plan of " + Scope.describe(s) + " at " + ScopePlan.name(p) + ": " + ServiceNames.show(names));
        }
        if (at.contains(null)) {
            Set<DetectionPoint> own = admin.table().plan(s).byPoint().keySet();
            if (!own.isEmpty()) {
                out.add("Note: at " + own.stream().map(Enum::name).collect(Collectors.joining(", ")) + ", " + s + " keeps its own "
                        + (own.size() == 1 ? "list" : "lists") + " (pbx:plan-clear " + s + " --point <point> removes one).");
            }
        }
        if (Scope.of(s) == Scope.NUMBER && site.extensionName(s).isEmpty()) {
            out.add("Note: " + s + " is no extension in the directory: the plan applies when a call serves that number "
                    + "(a ring group, an outside number).");
        }
        out.addAll(warnings(names, at));
        return out;
    }

    /** Unknown names are allowed (a plugin installed later) but said; so is a service never asked at a listed point. */
    private List<String> warnings(List<String> names, List<DetectionPoint> at) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            Optional<InstalledServices.Installed> i = installed.find(n);
            if (i.isEmpty()) {
                out.add("Warning: no call service named '" + n + "' is installed now; the plan keeps it and it runs once a service "
                        + "registers with plugboard.service.name=" + n + " (installed: " + installedNames() + ").");
                continue;
            }
            for (DetectionPoint p : at) {
                if (p != null && !i.get().points().contains(p)) {
                    out.add("Warning: '" + n + "' is not asked at " + p + " (its points: " + pointNames(i.get().points())
                            + "); it is skipped there.");
                }
            }
        }
        return out;
    }

    /** {@code pbx:plan-clear}: no points clears every list of the scope. */
    public List<String> clear(String scope, List<String> points) {
        String s = Scope.normalize(scope);
        if (points == null || points.isEmpty()) {
            int n = admin.clearScope(s);
            return List.of(n == 0 ? "No plan for " + Scope.describe(s) + ": nothing cleared."
                    : "Cleared the plan of " + Scope.describe(s) + " (" + n + (n == 1 ? " list)." : " lists)."));
        }
        List<String> out = new ArrayList<>();
        for (DetectionPoint p : points(points)) {
            out.add(admin.clearPlan(s, p) ? "Cleared the " + ScopePlan.name(p) + " list of " + Scope.describe(s) + "."
                    : Scope.describe(s) + " has no " + ScopePlan.name(p) + " list: nothing cleared.");
        }
        return out;
    }

    /** {@code pbx:class-assign}: only extensions of the directory join a class. */
    public List<String> assign(String extension, String serviceClass) {
        String ext = extension == null ? "" : extension.trim();
        String c = Scope.className(serviceClass);
        if (site.extensionName(ext).isEmpty()) {
            throw new IllegalArgumentException("'" + ext + "' is no extension (pbx:ext-list shows them): only extensions join a "
                    + "service class. A ring group or an outside number gets a plan of its own: pbx:plan-set " + ext + " <services...>");
        }
        String was = admin.table().classOf(ext).orElse(null);
        admin.assign(ext, c);
        List<String> out = new ArrayList<>();
        out.add("Extension " + ext + " is in class " + c + (was == null || was.equals(c) ? "." : " (was " + was + ")."));
        if (admin.table().plan(c).isEmpty()) {
            out.add("Note: class " + c + " has no plan yet: pbx:plan-set " + c + " <services...>");
        }
        if (!admin.table().plan(ext).isEmpty()) {
            out.add("Note: " + ext + " has a plan of its own, which wins over the class's where it has a list.");
        }
        return out;
    }

    public List<String> unassign(String extension) {
        String ext = extension == null ? "" : extension.trim();
        String was = admin.unassign(ext);
        return List.of(was == null ? "Extension " + ext + " is in no service class: nothing changed."
                : "Extension " + ext + " left class " + was + ".");
    }

    // ---- reads --------------------------------------------------------------------------------------------

    /** {@code pbx:plan-list [scope]}. */
    public Listing list(String scope) {
        PlanTable t = admin.table();
        String only = scope == null || scope.isBlank() ? null : Scope.normalize(scope);
        List<PlanRow> rows = new ArrayList<>();
        for (Map.Entry<String, ScopePlan> e : t.plans().entrySet()) {
            if (only != null && !only.equals(e.getKey())) {
                continue;
            }
            String note = scopeNote(t, e.getKey());
            ScopePlan plan = e.getValue();
            if (plan.allPoints() != null) {
                rows.add(row(e.getKey(), ScopePlan.ALL, plan.allPoints(), note));
            }
            plan.byPoint().forEach((p, names) -> rows.add(row(e.getKey(), p.name(), names, note)));
        }
        Map<String, List<String>> members = new TreeMap<>();
        t.classes().forEach((ext, c) -> members.computeIfAbsent(c, k -> new ArrayList<>()).add(ext));
        List<ClassRow> classes = new ArrayList<>();
        members.forEach((c, exts) -> {
            if (only == null || only.equals(c) || exts.contains(only)) {
                classes.add(new ClassRow(c, String.join(", ", exts), t.plan(c).isEmpty() ? "none (members follow the site default)" : "yes"));
            }
        });
        List<String> notes = new ArrayList<>();
        if (rows.isEmpty()) {
            notes.add(only == null ? "No service plans: calls follow the 'services' key of org.plugboard.calls, else every installed "
                    + "service by ranking. Set one with pbx:plan-set <scope> <services...>."
                    : "No plan for " + Scope.describe(only) + ".");
        }
        return new Listing(rows, classes, notes);
    }

    private PlanRow row(String scope, String point, List<String> names, String note) {
        List<String> missing = names.stream().filter(n -> installed.find(n).isEmpty()).toList();
        String more = missing.isEmpty() ? "" : "not installed: " + String.join(", ", missing);
        return new PlanRow(scope, point, ServiceNames.show(names), Stream.of(note, more).filter(x -> !x.isEmpty())
                .collect(Collectors.joining("; ")));
    }

    private String scopeNote(PlanTable t, String scope) {
        return switch (Scope.of(scope)) {
            case SITE -> "site default";
            case SERVICE_CLASS -> t.members(scope).size() + " member(s)";
            case NUMBER -> site.extensionName(scope).isEmpty() ? "no extension"
                    : t.classOf(scope).map(c -> "extension, class " + c).orElse("extension");
        };
    }

    /** {@code pbx:plan-show <number>}: the order in force at each point and where it comes from. */
    public Shown show(String number) {
        String n = number == null ? "" : number.trim();
        if (!Scope.isNumber(n)) {
            throw new IllegalArgumentException("'" + n + "' is no extension or number: pbx:plan-show takes one (e.g. 1002); "
                    + "pbx:plan-list <scope> shows the lists of a class or of the site (*)");
        }
        PlanTable t = admin.table();
        Optional<String> name = site.extensionName(n);
        String header = name.isPresent()
                ? "Extension " + n + " (" + name.get() + "), " + t.classOf(n).map(c -> "service class " + c).orElse("no service class")
                : "Number " + n + ": no extension in the directory (its own plan, else the site default)";
        List<ShowRow> rows = new ArrayList<>();
        for (PlanReport.Row r : PlanReport.show(t, n, installed.list(), site.callsServices())) {
            rows.add(new ShowRow(r.point().name(), r.runs().isEmpty() ? "-" : String.join(", ", r.runs()), r.from(),
                    String.join(", ", r.skipped())));
        }
        List<String> notes = new ArrayList<>();
        List<String> first = site.plansAskedFirst();
        if (!first.isEmpty()) {
            notes.add("Note: the calls bundle asks other service plans first (" + String.join(", ", first)
                    + "); where one answers, it decides instead of what is shown here.");
        }
        return new Shown(header, rows, notes);
    }

    // ---- completion ---------------------------------------------------------------------------------------

    /** '*', every scope with a plan, every class, every extension. */
    public Set<String> scopes() {
        Set<String> out = new TreeSet<>(PlanTable::compareScopes);
        out.add(Scope.SITE_SCOPE);
        out.addAll(admin.table().plans().keySet());
        out.addAll(classes());
        out.addAll(site.extensionNumbers());
        return out;
    }

    /** The classes in use (with members or a plan). */
    public Set<String> classes() {
        Set<String> out = new TreeSet<>(admin.table().classes().values());
        admin.table().plans().keySet().stream().filter(s -> Scope.of(s) == Scope.SERVICE_CLASS).forEach(out::add);
        return out;
    }

    public List<String> extensions() {
        return site.extensionNumbers();
    }

    /** Installed service names, then 'none'. */
    public Set<String> serviceNames() {
        Set<String> out = new LinkedHashSet<>();
        installed.list().forEach(i -> out.add(i.name()));
        out.add(ServiceNames.NONE);
        return out;
    }

    /** ALL and every detection point. */
    public static List<String> pointNames() {
        List<String> out = new ArrayList<>(List.of(ScopePlan.ALL));
        for (DetectionPoint p : DetectionPoint.values()) {
            out.add(p.name());
        }
        return out;
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** Points as typed, each once, in order; none given: the all-points list (null). */
    private static List<DetectionPoint> points(List<String> raw) {
        if (raw == null || raw.isEmpty()) {
            return java.util.Collections.singletonList(null);
        }
        List<DetectionPoint> out = new ArrayList<>();
        for (String r : raw) {
            for (String p : r.split(",")) {
                if (!p.isBlank()) {
                    DetectionPoint d = ScopePlan.point(p);
                    if (!out.contains(d)) {
                        out.add(d);
                    }
                }
            }
        }
        return out.isEmpty() ? java.util.Collections.singletonList(null) : out;
    }

    private String installedNames() {
        String names = installed.list().stream().map(InstalledServices.Installed::name).distinct().collect(Collectors.joining(", "));
        return names.isEmpty() ? "none" : names;
    }

    private static String pointNames(Set<DetectionPoint> points) {
        return points.stream().map(Enum::name).collect(Collectors.joining(","));
    }
}
