package org.plugboard.trunks.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One configured trunk (factory configuration {@code org.plugboard.trunks}). A changed configuration removes the
 * trunk and adds it again; calls up keep their slots, which are counted by trunk name.
 */
@Component(configurationPid = "org.plugboard.trunks", configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = TrunkConfig.class, factory = true)
public class TrunkComponent {
    private final TrunkRegistry registry;
    private final String name;

    @Activate
    public TrunkComponent(@Reference TrunkRegistry registry, TrunkConfig config) {
        this.registry = registry;
        TrunkSettings settings = TrunkSettings.from(config); // a bad configuration fails activation with the reason
        registry.add(settings);
        this.name = settings.name();
    }

    @Deactivate
    void deactivate() {
        registry.remove(name);
    }
}
