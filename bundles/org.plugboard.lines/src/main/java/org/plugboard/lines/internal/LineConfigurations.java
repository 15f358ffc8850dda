package org.plugboard.lines.internal;

import java.io.IOException;
import java.util.List;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Finds the factory configurations of a line by its name, whether made by pbx:line-add or an etc/ file. */
public final class LineConfigurations {
    public static final String FACTORY_PID = "org.plugboard.lines";

    private LineConfigurations() {
    }

    public static List<Configuration> find(ConfigurationAdmin admin, String name) throws IOException {
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            return List.of(); // never put user text into the filter unchecked
        }
        try {
            Configuration[] all = admin.listConfigurations(
                    "(&(service.factoryPid=" + FACTORY_PID + ")(name=" + name + "))");
            return all == null ? List.of() : List.of(all);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
