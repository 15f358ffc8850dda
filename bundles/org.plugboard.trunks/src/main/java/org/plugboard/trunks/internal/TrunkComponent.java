package org.plugboard.trunks.internal;

import java.util.Map;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured trunk (factory configuration {@code org.plugboard.trunks}). A changed configuration removes the
 * trunk and adds it again; calls up keep their slots, which are counted by trunk name.
 */
@Component(configurationPid = "org.plugboard.trunks", configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = TrunkConfig.class, factory = true)
public class TrunkComponent {
    private static final Logger LOG = LoggerFactory.getLogger(TrunkComponent.class);

    private final TrunkRegistry registry;
    private final TrunkProblems problems;
    private final String pid;
    /** null when the configuration was refused: nothing runs, the reason is in {@link TrunkProblems} */
    private final String name;

    /**
     * A configuration that cannot be applied activates nothing but its entry in {@link TrunkProblems}, so
     * {@code pbx:trunk-list} and {@code pbx:config-check} show the reason (a failed activation is only in the log).
     */
    @Activate
    public TrunkComponent(@Reference TrunkRegistry registry, @Reference TrunkProblems problems, TrunkConfig config,
            Map<String, Object> properties) {
        this.registry = registry;
        this.problems = problems;
        this.pid = String.valueOf(properties.get(Constants.SERVICE_PID));
        String applied = null;
        try {
            TrunkSettings settings = TrunkSettings.from(config);
            registry.add(settings);
            applied = settings.name();
            problems.clear(pid);
        } catch (IllegalArgumentException | IllegalStateException e) {
            problems.report(pid, config.name(), e.getMessage());
            LOG.error("Trunk '{}' ({}) is not applied: {}. Fix it with pbx:trunk-add or in its etc/ file; pbx:config-check lists "
                    + "what is not applied", config.name(), pid, e.getMessage());
        }
        this.name = applied;
    }

    @Deactivate
    void deactivate() {
        problems.clear(pid);
        if (name != null) {
            registry.remove(name);
        }
    }
}
