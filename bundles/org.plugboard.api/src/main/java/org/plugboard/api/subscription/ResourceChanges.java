package org.plugboard.api.subscription;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where an event package reports that a resource changed. The subscription layer then sends every subscription to
 * that resource a NOTIFY with the package's current {@link EventPackage#body body}; changes that come while a NOTIFY
 * is unanswered are sent as one (each body is the full state). Quick and thread-safe: it only queues the work.
 */
@ProviderType
public interface ResourceChanges {
    /** @param resource as in {@link EventPackage#authorize}, e.g. {@code 1002} */
    void changed(String resource);
}
