package org.plugboard.trunks.internal;

import java.io.IOException;
import java.util.List;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Finds the factory configurations of a trunk by its name, whether made by pbx:trunk-add or an etc/ file. */
public final class TrunkConfigurations {
    public static final String FACTORY_PID = "org.plugboard.trunks";

    private TrunkConfigurations() {
    }

    public static boolean validName(String name) {
        return name != null && name.matches(TrunkSettings.NAME);
    }

    public static List<Configuration> find(ConfigurationAdmin admin, String name) throws IOException {
        if (!validName(name)) {
            return List.of(); // never put user text into the filter unchecked
        }
        try {
            Configuration[] all = admin.listConfigurations("(&(service.factoryPid=" + FACTORY_PID + ")(name=" + name + "))");
            return all == null ? List.of() : List.of(all);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
