package org.plugboard.lines.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One configured line (factory configuration {@code org.plugboard.lines}). Activation starts its registration;
 * deactivation (configuration changed or deleted, bundle stopped or updated) unregisters it and waits a little for
 * the provider's answer, so no binding is left behind. A changed configuration therefore unregisters the old
 * account and registers the new one.
 */
@Component(configurationPid = "org.plugboard.lines", configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = LineConfig.class, factory = true)
public class LineComponent {
    /** How long deactivation waits for the unregistration (challenge included) to be answered. */
    static final long UNREGISTER_WAIT_MS = 3000;

    private final LineRegistry registry;
    private final String name;

    @Activate
    public LineComponent(@Reference LineRegistry registry, LineConfig config) {
        this.registry = registry;
        LineSettings settings = LineSettings.from(config); // a bad configuration fails activation with the reason
        registry.add(settings);
        this.name = settings.name();
    }

    @Deactivate
    void deactivate() {
        LineRegistry.await(registry.remove(name), UNREGISTER_WAIT_MS);
    }
}
