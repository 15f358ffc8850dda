package org.plugboard.recording.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every stored policy, immutable: a call's strand reads it without a lock, a change builds a new one. The lookup:
 * <ol>
 * <li>the strongest of the caller's and the answering callee's extension policies (always over on-demand over never);</li>
 * <li>else the policy of the dialled number as a group;</li>
 * <li>else the policy of the call's line, else of its trunk (the profile it came in or went out on);</li>
 * <li>else the site's stored policy, else the configured site default.</li>
 * </ol>
 */
public final class Policies {
    private final Map<Scope, Map<String, Mode>> byScope;
    private final Mode configuredDefault;

    private Policies(Map<Scope, Map<String, Mode>> byScope, Mode configuredDefault) {
        this.byScope = byScope;
        this.configuredDefault = configuredDefault;
    }

    public static Policies of(Collection<Policy> policies, Mode configuredDefault) {
        Map<Scope, Map<String, Mode>> m = new EnumMap<>(Scope.class);
        for (Scope s : Scope.values()) {
            m.put(s, new HashMap<>());
        }
        for (Policy p : policies) {
            m.get(p.scope()).put(p.name(), p.mode());
        }
        m.replaceAll((s, names) -> Map.copyOf(names));
        return new Policies(m, configuredDefault);
    }

    public Policies withDefault(Mode configured) {
        return new Policies(byScope, configured);
    }

    public Policies with(Policy p) {
        List<Policy> all = new ArrayList<>(all());
        all.removeIf(x -> x.scope() == p.scope() && x.name().equals(p.name()));
        all.add(p);
        return of(all, configuredDefault);
    }

    public Policies without(Scope scope, String name) {
        List<Policy> all = new ArrayList<>(all());
        all.removeIf(x -> x.scope() == scope && x.name().equals(scope == Scope.SITE ? Policy.SITE_NAME : name));
        return of(all, configuredDefault);
    }

    public Mode get(Scope scope, String name) {
        return name == null ? null : byScope.get(scope).get(scope == Scope.SITE ? Policy.SITE_NAME : name);
    }

    public Mode configuredDefault() {
        return configuredDefault;
    }

    /** Every stored policy, by scope then name. */
    public List<Policy> all() {
        List<Policy> out = new ArrayList<>();
        byScope.forEach((scope, names) -> names.forEach((name, mode) -> out.add(new Policy(scope, name, mode))));
        out.sort(Comparator.comparing(Policy::scope).thenComparing(Policy::name));
        return out;
    }

    /** The mode for the whole call (see the class comment). */
    public Resolution resolve(CallParties call) {
        Mode a = get(Scope.EXTENSION, call.caller());
        Mode b = get(Scope.EXTENSION, call.answerer());
        if (a != null || b != null) {
            Mode m = a == null ? b : a.strongest(b);
            String who = a != null && (b == null || a == m) ? call.caller() : call.answerer();
            return new Resolution(m, "extension " + who);
        }
        return beyondExtensions(call);
    }

    /**
     * The mode for one party pressing the on-demand code: its own extension policy, else what the call falls back to
     * without extension policies.
     */
    public Resolution forParty(String extension, CallParties call) {
        Mode own = get(Scope.EXTENSION, extension);
        return own != null ? new Resolution(own, "extension " + extension) : beyondExtensions(call);
    }

    private Resolution beyondExtensions(CallParties call) {
        Mode group = get(Scope.GROUP, call.dialled());
        if (group != null) {
            return new Resolution(group, "group " + call.dialled());
        }
        Mode line = get(Scope.LINE, call.profile());
        if (line != null) {
            return new Resolution(line, "line " + call.profile());
        }
        Mode trunk = get(Scope.TRUNK, call.profile());
        if (trunk != null) {
            return new Resolution(trunk, "trunk " + call.profile());
        }
        Mode site = get(Scope.SITE, Policy.SITE_NAME);
        if (site != null) {
            return new Resolution(site, "site policy");
        }
        return new Resolution(configuredDefault, "site default (configuration)");
    }
}
