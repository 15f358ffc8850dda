package org.plugboard.api.service;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Which services run for a served user at a detection point, and in which order: data (per extension, per group,
 * global), not code. The B2BUA asks its plans by {@code service.ranking}, highest first; the first that answers
 * (non-null) decides. When none answers, every service registered for the point runs, by {@code service.ranking}.
 * Answer from memory, never block.
 */
@ConsumerType
public interface ServicePlan {
    /**
     * @param servedUser the extension the services would run for (may be a number that is no extension)
     * @return service names in the order they run (names with no registered service are skipped), or null for no
     *         opinion
     */
    List<String> services(String servedUser, DetectionPoint point);
}
