package org.plugboard.configcheck.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.plugboard.api.config.ConfigProblem;
import org.plugboard.api.config.ConfigProblems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@link ConfigProblems} service of the running PBX (one per bundle that checks its configuration), read
 * together: what {@code pbx:config-check} prints. A source that throws is reported as a problem of its own rather
 * than hiding the others.
 */
@Component(service = ConfigCheck.class)
public class ConfigCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigCheck.class);

    /** A source as registered: its name and the service. */
    record Source(String name, ConfigProblems problems) {
    }

    private volatile List<Source> sources = List.of();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addSource(ConfigProblems problems, Map<String, Object> props) {
        List<Source> next = new ArrayList<>(sources);
        next.add(new Source(String.valueOf(props.getOrDefault(ConfigProblems.SOURCE, "unnamed")), problems));
        sources = List.copyOf(next);
    }

    void removeSource(ConfigProblems problems) {
        sources = sources.stream().filter(s -> s.problems() != problems).toList();
    }

    /** The names of the sources checked, sorted. */
    public List<String> sources() {
        return sources.stream().map(Source::name).sorted().distinct().toList();
    }

    /** All problems, by source then name. */
    public List<ConfigProblem> problems() {
        return collect(sources);
    }

    static List<ConfigProblem> collect(List<Source> sources) {
        Map<String, List<ConfigProblem>> bySource = new TreeMap<>();
        for (Source s : sources) {
            List<ConfigProblem> found;
            try {
                found = s.problems().problems();
            } catch (RuntimeException e) {
                LOG.warn("Configuration problems of '{}' could not be read", s.name(), e);
                found = List.of(new ConfigProblem(s.name(), "(" + s.name() + ")", "", "", "its check failed: " + e,
                        "see data/log/karaf.log; report it as a bug of that bundle"));
            }
            bySource.computeIfAbsent(s.name(), k -> new ArrayList<>()).addAll(found);
        }
        List<ConfigProblem> all = new ArrayList<>();
        bySource.values().forEach(l -> l.stream().sorted(Comparator.comparing(ConfigProblem::name).thenComparing(ConfigProblem::pid))
                .forEach(all::add));
        return all;
    }
}
