package org.plugboard.api.config;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What a bundle (or a plugin) could not apply of its configuration right now, e.g. a line whose transport is
 * misspelt or a TLS certificate that does not load. Registered as a service with {@link #SOURCE}; collected by
 * {@code pbx:config-check}. A problem disappears from the list as soon as the configuration is fixed.
 */
@ConsumerType
public interface ConfigProblems {
    /** Service property: a short name of what is checked, e.g. {@code lines}, {@code trunks}, {@code sip}. */
    String SOURCE = "plugboard.config.source";

    /** The problems now, in a stable order; empty when everything applied. Must not block. */
    List<ConfigProblem> problems();
}
