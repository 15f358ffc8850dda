package org.plugboard.configvalues.problems;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.plugboard.api.config.ConfigProblem;
import org.plugboard.api.config.ConfigProblems;

/**
 * The configurations of one bundle that could not be applied, by PID: a component reports its PID when its
 * settings are refused and clears it when they apply (or the configuration is deleted). The bundle registers a
 * subclass as its {@link ConfigProblems} service; its list commands show the same entries.
 *
 * <p>The bundles' settings checks throw messages that start with the property at fault and give the fix after
 * {@code ": "} (e.g. {@code transport 'SCTP': UDP, TCP or TLS}); that is how field and fix are found here.
 */
public class ConfigProblemBoard implements ConfigProblems {
    private static final Pattern LEADING_FIELD = Pattern.compile("^([a-z][a-z0-9._]*)\\b");

    private final String source;
    private final Set<String> fields;
    private final Map<String, ConfigProblem> byPid = new ConcurrentHashMap<>();

    /** @param fields the configuration's property names, to recognise the one a message starts with */
    protected ConfigProblemBoard(String source, Set<String> fields) {
        this.source = source;
        this.fields = Set.copyOf(fields);
    }

    /** The property names of a configuration annotation, as in its .cfg files ({@code retry_interval} is {@code retry.interval}). */
    public static Set<String> fieldsOf(Class<?> configType) {
        return java.util.Arrays.stream(configType.getDeclaredMethods()).map(m -> m.getName().replace('_', '.'))
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Records (or replaces) the problem of a configuration from the message its check threw. */
    public ConfigProblem report(String pid, String name, String message) {
        ConfigProblem p = parse(source, pid, name, message, fields);
        byPid.put(pid, p);
        return p;
    }

    /** The configuration applied, or is gone. */
    public void clear(String pid) {
        if (pid != null) {
            byPid.remove(pid);
        }
    }

    public Optional<ConfigProblem> of(String pid) {
        return Optional.ofNullable(byPid.get(pid));
    }

    @Override
    public List<ConfigProblem> problems() {
        return byPid.values().stream().sorted(Comparator.comparing(ConfigProblem::name).thenComparing(ConfigProblem::pid)).toList();
    }

    static ConfigProblem parse(String source, String pid, String name, String message, Set<String> fields) {
        String m = message == null || message.isBlank() ? "not applied (no reason given)" : message.trim();
        Matcher f = LEADING_FIELD.matcher(m);
        String field = f.find() && fields.contains(f.group(1)) ? f.group(1) : "";
        int colon = m.indexOf(": ");
        String fix = colon < 0 ? "" : m.substring(colon + 2).trim();
        return new ConfigProblem(source, pid, name, field, m, fix);
    }
}
