package org.plugboard.trunks.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dial prefixes of the configured lines ({@code prefix} of the {@code org.plugboard.lines} factory
 * configurations), kept up to date from ConfigAdmin events. The trunk router leaves a call to the line router when
 * a line's matching prefix is longer than the trunk's: bundles share no code, and configuration is the one thing
 * both see.
 */
@Component(service = {LinePrefixes.class, ConfigurationListener.class})
public class LinePrefixes implements ConfigurationListener {
    static final String LINES_FACTORY_PID = "org.plugboard.lines";
    private static final Logger LOG = LoggerFactory.getLogger(LinePrefixes.class);
    private final ConfigurationAdmin admin;
    private volatile List<String> prefixes = List.of();

    @Activate
    public LinePrefixes(@Reference ConfigurationAdmin admin) {
        this.admin = admin;
        reload();
    }

    List<String> prefixes() {
        return prefixes;
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (LINES_FACTORY_PID.equals(event.getFactoryPid())) {
            reload();
        }
    }

    private void reload() {
        List<String> found = new ArrayList<>();
        try {
            Configuration[] all = admin.listConfigurations("(service.factoryPid=" + LINES_FACTORY_PID + ")");
            for (Configuration c : all == null ? new Configuration[0] : all) {
                Object prefix = c.getProperties() == null ? null : c.getProperties().get("prefix");
                if (prefix != null && !String.valueOf(prefix).isBlank()) {
                    found.add(String.valueOf(prefix).trim());
                }
            }
        } catch (IOException | InvalidSyntaxException | IllegalStateException e) {
            LOG.warn("Cannot read the lines' prefixes; trunks take their prefixes whatever the lines have", e);
        }
        prefixes = List.copyOf(found);
    }
}
