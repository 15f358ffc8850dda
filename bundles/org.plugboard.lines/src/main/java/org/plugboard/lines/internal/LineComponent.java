package org.plugboard.lines.internal;

import java.util.Map;

import org.osgi.framework.Constants;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured line (factory configuration {@code org.plugboard.lines}). Activation starts its registration.
 * Deactivation because the configuration was deleted ({@code pbx:line-remove}) or changed unregisters the line and
 * waits a little for the provider's answer (a changed configuration then registers the new account). Any other
 * deactivation (bundle updated or stopped, a reference gone) hands the registration over to the next activation,
 * unregistering nothing: an unregistration racing the next version's REGISTER left the provider without a binding.
 */
@Component(configurationPid = "org.plugboard.lines", configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = LineConfig.class, factory = true)
public class LineComponent {
    private static final Logger LOG = LoggerFactory.getLogger(LineComponent.class);
    /** How long deactivation waits for the unregistration (challenge included) to be answered. */
    static final long UNREGISTER_WAIT_MS = 3000;

    private final LineRegistry registry;
    private final LineProblems problems;
    private final String pid;
    /** null when the configuration was refused: nothing runs, the reason is in {@link LineProblems} */
    private final String name;

    /**
     * A configuration that cannot be applied activates nothing but its entry in {@link LineProblems}, so
     * {@code pbx:line-list} and {@code pbx:config-check} show the reason (a failed activation is only in the log).
     */
    @Activate
    public LineComponent(@Reference LineRegistry registry, @Reference LineProblems problems, LineConfig config,
            Map<String, Object> properties) {
        this.registry = registry;
        this.problems = problems;
        this.pid = String.valueOf(properties.get(Constants.SERVICE_PID));
        String applied = null;
        try {
            LineSettings settings = LineSettings.from(config);
            registry.add(settings);
            applied = settings.name();
            problems.clear(pid);
        } catch (IllegalArgumentException | IllegalStateException e) {
            problems.report(pid, config.name(), e.getMessage());
            LOG.error("Line '{}' ({}) is not applied: {}. Fix it with pbx:line-add or in its etc/ file; pbx:config-check lists "
                    + "what is not applied", config.name(), pid, e.getMessage());
        }
        this.name = applied;
    }

    @Deactivate
    void deactivate(int reason) {
        problems.clear(pid);
        if (name == null) {
            return;
        }
        if (unregisters(reason)) {
            if (!LineRegistry.await(registry.remove(name), UNREGISTER_WAIT_MS)) {
                LOG.warn("Line {}: the unregistration was not answered within {} ms; the provider's binding expires by itself",
                        name, UNREGISTER_WAIT_MS);
            }
        } else {
            registry.handOver(name);
        }
    }

    /** Only a line whose configuration is gone or changed unregisters; an update of the bundle carries it on. */
    static boolean unregisters(int reason) {
        return reason == ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED
                || reason == ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_MODIFIED;
    }
}
