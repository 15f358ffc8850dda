package org.plugboard.api.config;

/**
 * One configuration that was not applied, and why.
 *
 * @param source what reported it (see {@link ConfigProblems#SOURCE}), e.g. {@code lines}
 * @param pid    the ConfigAdmin PID of the configuration, e.g. {@code org.plugboard.lines.3f2a...}; never null
 * @param name   the name an admin knows it by (a line's or trunk's name), or empty
 * @param field  the property at fault, e.g. {@code transport}, or empty when no single property is
 * @param reason what is wrong, e.g. {@code transport 'SCTP' is not supported}
 * @param fix    what to do, e.g. {@code use UDP, TCP or TLS}, or empty
 */
public record ConfigProblem(String source, String pid, String name, String field, String reason, String fix) {
    public ConfigProblem {
        if (pid == null || pid.isBlank()) {
            throw new IllegalArgumentException("a configuration problem without a PID");
        }
        source = source == null ? "" : source;
        name = name == null ? "" : name;
        field = field == null ? "" : field;
        reason = reason == null ? "" : reason;
        fix = fix == null ? "" : fix;
    }
}
