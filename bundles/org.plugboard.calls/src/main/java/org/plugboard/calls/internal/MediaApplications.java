package org.plugboard.calls.internal;

import java.util.HashMap;
import java.util.Map;

import org.plugboard.api.application.MediaApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link MediaApplication} services by their {@link MediaApplication#NAME}: a whiteboard kept by the B2BUA's
 * dynamic reference, replaced whole on every change, read on the strands without locks. Of two with one name, the
 * later one serves (and a warning says so).
 */
final class MediaApplications {
    private static final Logger LOG = LoggerFactory.getLogger(MediaApplications.class);
    private volatile Map<String, MediaApplication> byName = Map.of();

    synchronized void add(MediaApplication application, Map<String, Object> props) {
        Object name = props.get(MediaApplication.NAME);
        if (name == null || name.toString().isBlank()) {
            LOG.error("Media application {} has no {} property: it cannot be connected to", application.getClass().getName(),
                    MediaApplication.NAME);
            return;
        }
        Map<String, MediaApplication> next = new HashMap<>(byName);
        if (next.put(name.toString(), application) != null) {
            LOG.warn("Two media applications are named '{}': {} now serves", name, application.getClass().getName());
        }
        byName = Map.copyOf(next);
        LOG.info("Media application '{}' available", name);
    }

    synchronized void remove(MediaApplication application) {
        Map<String, MediaApplication> next = new HashMap<>(byName);
        next.values().removeIf(a -> a == application);
        byName = Map.copyOf(next);
    }

    MediaApplication find(String name) {
        return byName.get(name);
    }
}
